#pragma once
// Internal to the .npz and .npy-folder store forms: both hold one .npy stream per array and differ
// only in how a stream is opened, so header parsing, slicing and element conversion live here.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "miwb/stores/activation_store_container.h"
#include "miwb/io/npy.h"

namespace miwb {

// The bytes of one .npy array, read from its start.
class NpyMemberStream {
 public:
  virtual ~NpyMemberStream() = default;
  // Reads exactly `bytes` bytes, or fails with a sentence-fragment reason ("ends early", zip error).
  virtual Status read(char* buffer, std::uint64_t bytes) = 0;
  // Moves to an absolute offset. Compressed streams can only go forward (by reading and discarding).
  virtual Status seek(std::uint64_t offset) = 0;
  virtual bool canSeekTo(std::uint64_t offset) const = 0;
};

// A container of .npy streams. Subclasses list the arrays with their stream sizes, then call
// scanHeaders(); reads go through openMember() under one mutex.
class NpyMemberContainer : public ArrayContainer {
 public:
  Status readRows(const StoredArray& array, std::int64_t first, std::int64_t count, double* out) const override;
  Status readText(const StoredArray& array, std::vector<std::string>& out) const override;

 protected:
  explicit NpyMemberContainer(std::string fileName) : ArrayContainer(std::move(fileName)) {}
  virtual Status openMember(std::size_t index, std::unique_ptr<NpyMemberStream>& out) const = 0;
  // Parses the header of every array named in arrays_ (sizes[i] = bytes in stream i) and records
  // shapes, dtypes and problems (bad dtype, data shorter than the header declares).
  void scanHeaders(const std::vector<std::uint64_t>& sizes);

 private:
  struct Member {
    NpyHeader header;       // numeric arrays
    char textKind = 0;      // 'U' (UCS-4) or 'S' (bytes) for string arrays
    int textWidth = 0;      // characters per element
    std::uint64_t dataOffset = 0;
  };
  Status scanOne(std::size_t index, std::uint64_t size);
  std::size_t indexOf(const StoredArray& array) const;
  // A stream positioned at `offset`, reusing an open one when it can get there (sequential slices of
  // a compressed member then cost one pass, not one pass per slice).
  Status streamAt(std::size_t index, std::uint64_t offset, NpyMemberStream*& out) const;

  std::vector<Member> members_;
  mutable std::mutex mutex_;
  mutable std::vector<std::pair<std::size_t, std::unique_ptr<NpyMemberStream>>> openStreams_;  // most recent last
};

}  // namespace miwb
