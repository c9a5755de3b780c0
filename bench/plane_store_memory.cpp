// Reads every (layer, epoch) slice of an activation store once and prints a checksum, the slice
// size and the time taken; bench/plane_store_memory.sh runs it under /usr/bin/time -v to show that
// peak memory follows one slice, not the file.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <cstdio>

#include "miwb/stores/activation_store.h"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s STORE\n", argv[0]);
    return 2;
  }
  QElapsedTimer timer;
  timer.start();
  std::unique_ptr<miwb::ActivationStore> store;
  if (const miwb::Status s = miwb::openActivationStoreFile(QString::fromLocal8Bit(argv[1]), store); !s) {
    std::fprintf(stderr, "error: %s\n", s.message().c_str());
    return 2;
  }
  double sum = 0;
  std::size_t largest = 0, slices = 0;
  miwb::Matrix slice;
  for (int l = 0; l < static_cast<int>(store->layers().size()); ++l)
    for (int e = 0; e < static_cast<int>(store->epochs().size()); ++e) {
      if (const miwb::Status s = store->activation(l, e, slice); !s) {
        std::fprintf(stderr, "error: %s\n", s.message().c_str());
        return 1;
      }
      sum += slice.sum();
      largest = std::max(largest, static_cast<std::size_t>(slice.size()) * sizeof(double));
      ++slices;
    }
  std::printf("slices %zu, largest slice %.1f MiB (as float64), checksum %.17g, %.1f s\n", slices,
              static_cast<double>(largest) / (1 << 20), sum, static_cast<double>(timer.elapsed()) / 1000.0);
  return 0;
}
