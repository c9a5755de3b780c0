#pragma once
// What the harnesses share: the readers take paths, so each input is written to a scratch file; and
// a store is read through everything it offers, as a run would.
#include <QString>
#include <cstddef>
#include <cstdint>

namespace fuzz {

// Limits every allocation the readers check (checkAllocation) to 64 MiB, so a header claiming
// gigabytes is refused as it would be on a small machine, instead of exhausting libFuzzer's budget.
void limitMemory();

// Writes the input to <scratch>/input.<extension> (one per process) and returns that path.
QString writeInput(const std::uint8_t* data, std::size_t size, const char* extension);

// Opens the file as an activation store and reads every array it offers (inputs, labels, every
// layer at every epoch); then opens it as a bare container and reads every array and text member.
// Statuses are dropped on purpose: any answer is fine, a crash or a sanitizer report is not.
void exerciseStore(const QString& path);

}  // namespace fuzz
