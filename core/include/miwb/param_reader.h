#pragma once
// Typed reads of a plugin's resolved parameters. ParamSchema::resolve has already filled in every
// default from the metadata, which is the only place a default is written: the reader has no
// fallback of its own. A missing or mistyped parameter is an error that names the parameter and
// its owner ("parameter 'alpha' of 'renyi' is missing"); the first one is kept in status(), so a
// plugin reads everything and checks once:
//
//   ParamReader read(params, estimatorId);
//   options.k = read.get<int>("k");
//   options.range = read.get<std::optional<std::vector<double>>>("range");
//   options.kind = read.choice<Kind>("kind", {{"fast", Kind::Fast}, {"exact", Kind::Exact}});
//   MIWB_TRY(read.status());
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "miwb/params.h"
#include "miwb/status.h"

namespace miwb {

class ParamReader {
 public:
  // `owner` is the estimator or dataset id named in messages. `resolved` must outlive the reader.
  ParamReader(const Json& resolved, std::string owner);

  // T: bool, any integer type, float or double, std::string, std::vector of those, or
  // std::optional of any of them (null reads as std::nullopt). On error: T{} and status() set.
  template <class T>
  T get(const std::string& name);

  // A choice parameter mapped to the plugin's own values; a choice the plugin does not map is an error.
  template <class E>
  E choice(const std::string& name, std::initializer_list<std::pair<const char*, E>> options);

  // Records "parameter 'name' of 'owner' <problem>" unless `ok`: for checks the schema cannot express.
  void require(bool ok, const std::string& name, const std::string& problem);

  const Status& status() const { return status_; }
  const std::string& owner() const { return owner_; }

 private:
  template <class T>
  T convert(const Json& value, const std::string& name);
  const Json* find(const std::string& name);
  bool readInteger(const Json& value, const std::string& name, double lowest, double highest, long long& out);
  bool readReal(const Json& value, const std::string& name, double& out);
  bool readBool(const Json& value, const std::string& name, bool& out);
  bool readString(const Json& value, const std::string& name, std::string& out);
  bool readArray(const Json& value, const std::string& name);
  void fail(const std::string& name, const std::string& problem);

  const Json& params_;
  std::string owner_;
  Status status_;
};

namespace detail {
template <class T>
struct IsOptional : std::false_type {};
template <class U>
struct IsOptional<std::optional<U>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class U>
struct IsVector<std::vector<U>> : std::true_type {};
template <class>
inline constexpr bool kUnsupported = false;
}  // namespace detail

template <class T>
T ParamReader::get(const std::string& name) {
  const Json* value = find(name);
  return value ? convert<T>(*value, name) : T{};
}

template <class T>
T ParamReader::convert(const Json& value, const std::string& name) {
  if constexpr (detail::IsOptional<T>::value) {
    if (value.is_null()) return std::nullopt;
    return convert<typename T::value_type>(value, name);
  } else {
    if (value.is_null()) {
      fail(name, "is not set");
      return T{};
    }
    if constexpr (std::is_same_v<T, bool>) {
      bool out = false;
      readBool(value, name, out);
      return out;
    } else if constexpr (std::is_integral_v<T>) {
      long long out = 0;
      if (!readInteger(value, name, static_cast<double>(std::numeric_limits<T>::lowest()),
                       static_cast<double>(std::numeric_limits<T>::max()), out))
        return T{};
      return static_cast<T>(out);
    } else if constexpr (std::is_floating_point_v<T>) {
      double out = 0.0;
      readReal(value, name, out);
      return static_cast<T>(out);
    } else if constexpr (std::is_same_v<T, std::string>) {
      std::string out;
      readString(value, name, out);
      return out;
    } else if constexpr (detail::IsVector<T>::value) {
      T out;
      if (!readArray(value, name)) return out;
      for (const Json& element : value) out.push_back(convert<typename T::value_type>(element, name));
      return out;
    } else {
      static_assert(detail::kUnsupported<T>, "ParamReader::get: unsupported type");
    }
  }
}

template <class E>
E ParamReader::choice(const std::string& name, std::initializer_list<std::pair<const char*, E>> options) {
  const std::string text = get<std::string>(name);
  for (const auto& [label, value] : options)
    if (text == label) return value;
  std::string known;
  for (const auto& option : options) known += (known.empty() ? "" : ", ") + std::string(option.first);
  if (status_.isOk()) fail(name, "must be one of " + known + ", got \"" + text + "\"");
  return options.begin()->second;
}

}  // namespace miwb
