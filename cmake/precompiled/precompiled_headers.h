// The third-party headers nearly every source of the tree includes, precompiled once per build tree
// and shared by every target (cmake/MiwbPrecompiledHeaders.cmake). Parsing them took about 5 s of
// each translation unit's compile, more than most of our own code. Only headers whose meaning no
// target changes with its own macros belong here: none of our own (their export macros differ
// between miwb-core and its users) and not QtTest (it reads each test's QT_TESTCASE_BUILDDIR).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>
#include <QtCore>
#include <nlohmann/json.hpp>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
