// Members<Names>: the members of one JSON object that a validator reads, found in a
// single ordered pass.
//
// Go's validation reads struct fields directly; ours reads members of a JSON object,
// and a lookup per field read (most of them for fields that are absent) was half of
// pod validation. The object's members and Names are both sorted by key, so one
// merge over them finds every member a validator may ask for:
//
//   static constexpr std::array<std::string_view, 3> kNames = {"containers", "os", "volumes"};
//   const Members<kNames> spec(obj);
//   spec.get<"containers">()   // the member, or a null Json when absent
//
// A name that is not in Names does not compile.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/api/json.h"

namespace kt::api::kinds {

// A member's name as a template argument.
template <std::size_t N>
struct MemberName {
  char text[N];
  consteval MemberName(const char (&s)[N]) {  // NOLINT: implicit, so that get<"name"> reads naturally
    for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
  }
  constexpr std::string_view view() const { return {text, N - 1}; }
};

inline const Json kAbsentMember{};

template <const auto& Names>
class Members {
  static constexpr std::size_t kCount = Names.size();
  static constexpr bool sorted() {
    for (std::size_t i = 1; i < kCount; ++i)
      if (!(Names[i - 1] < Names[i])) return false;
    return true;
  }
  static_assert(sorted(), "Names must be sorted and distinct");

  static constexpr std::size_t index_of(std::string_view name) {
    for (std::size_t i = 0; i < kCount; ++i)
      if (Names[i] == name) return i;
    return kCount;
  }

 public:
  explicit Members(const Json& obj) {
    const auto* members = obj.get_ptr<const Json::object_t*>();
    if (!members) return;
    const json_detail::KeyLess less;
    std::size_t i = 0;
    for (const auto& [key, value] : *members) {
      while (i < kCount && less(Names[i], key)) ++i;
      if (i == kCount) return;
      if (!less(key, Names[i])) slots_[i++] = &value;
    }
  }

  template <MemberName Name>
  const Json& get() const {
    constexpr std::size_t i = index_of(Name.view());
    static_assert(i < kCount, "not one of the names this view was made for");
    return slots_[i] ? *slots_[i] : kAbsentMember;
  }

 private:
  std::array<const Json*, kCount> slots_{};
};

// A member's value as common.h's str() and integer() read it.
inline std::string string_of(const Json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }
inline std::optional<std::int64_t> integer_of(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) return static_cast<std::int64_t>(v.get<double>());
  return std::nullopt;
}

}  // namespace kt::api::kinds
