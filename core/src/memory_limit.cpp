#include "miwb/memory_limit.h"

#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace miwb {
namespace {
std::atomic<std::uint64_t> gLimit{0};  // 0: the default (physical memory)

// "512 bytes", "7.5 KiB", "12 MiB", "45 TiB": exact below 1 KiB, else two or three significant digits.
std::string formatBytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  const char* units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 5) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
  return text;
}
}  // namespace

std::uint64_t physicalMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && pageSize > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize) : 0;
}

std::uint64_t memoryLimitBytes() {
  const std::uint64_t set = gLimit.load(std::memory_order_relaxed);
  return set ? set : physicalMemoryBytes();
}

void setMemoryLimitBytes(std::uint64_t bytes) { gLimit.store(bytes, std::memory_order_relaxed); }

Status checkAllocation(std::uint64_t bytes, const std::string& what) {
  const std::uint64_t set = gLimit.load(std::memory_order_relaxed);
  const std::uint64_t limit = set ? set : physicalMemoryBytes();
  if (limit == 0 || bytes <= limit) return Status::ok();
  const std::string needs = what + " needs " + formatBytes(bytes) + ", more than ";
  if (set) return Status::invalidInput(needs + "the " + formatBytes(limit) + " it may use (--max-memory)");
  return Status::invalidInput(needs + "this machine's " + formatBytes(limit) + " of memory");
}

bool parseMemorySize(const std::string& text, std::uint64_t& bytes) {
  const char* begin = text.c_str();
  char* end = nullptr;
  const double number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number) || number <= 0) return false;
  std::string unit(end);
  for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.size() == 3 && unit.substr(1) == "IB") unit.resize(1);
  else if (unit.size() == 2 && unit[1] == 'B') unit.resize(1);
  double scale = 1;
  if (unit == "K") scale = 0x1p10;
  else if (unit == "M") scale = 0x1p20;
  else if (unit == "G") scale = 0x1p30;
  else if (unit == "T") scale = 0x1p40;
  else if (!unit.empty() && unit != "B") return false;
  const double value = number * scale;
  if (value < 1 || value >= 0x1p63) return false;
  bytes = static_cast<std::uint64_t>(value);
  return true;
}

}  // namespace miwb
