// Internal to core/api/yaml*.cpp: how go-yaml v2 resolves a plain scalar (resolve.go) and
// how Go formats numbers (strconv). Shared by the reader and the emitter, which asks
// "would this string read back as something else?" before choosing a quoting style.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kt::api::yaml_detail {

struct Resolved {
  enum Kind { Null, Bool, Int, Uint, Float, Timestamp, Str } kind = Str;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
};

// go-yaml v2 resolve("", s): the type of an untagged plain scalar.
Resolved resolve_plain(std::string_view s);
// go-yaml v2 isBase60Float: "1:20", "190:20:30.15" (quoted on output, strings on input).
bool is_base60_float(std::string_view s);
// strconv.FormatFloat(f, 'g', -1, 32): how sigs.k8s.io/yaml spells a float map key.
std::string go_format_float32_g(double f);

}  // namespace kt::api::yaml_detail
