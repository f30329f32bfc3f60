// Small string helpers with Go's strings-package semantics, shared by the core.
//   split("a,,b", ',') -> {"a", "", "b"}   split("", ',') -> {""}   (strings.Split)
//   join({"a", "b"}, ", ") -> "a, b"                                  (strings.Join)
//   lower("Pod") -> "pod"                                             (ASCII only)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kt::util {

std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string lower(std::string_view s);

}  // namespace kt::util
