// mismatch_at: where two byte ranges first differ, compared a word at a time.
//
// Object keys and short strings are compared on every member lookup and every
// freeze of a stored object; the library's memcmp is a call per compare, and most
// of these texts are shorter than a few words.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace kt::util {

// The first position i < n where a[i] != b[i], or n when the ranges are equal.
inline std::size_t mismatch_at(const char* a, const char* b, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t u, v;
    std::memcpy(&u, a + i, 8);
    std::memcpy(&v, b + i, 8);
    if (const std::uint64_t d = u ^ v) {
      const int bit = std::endian::native == std::endian::little ? std::countr_zero(d) : std::countl_zero(d);
      return i + static_cast<std::size_t>(bit) / 8;
    }
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace kt::util
