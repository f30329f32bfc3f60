// util::mismatch_at (core/util/mismatch.h) against std::mismatch: ranges equal for
// 0..40 bytes, then differing at every position, in any byte value.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/util/mismatch.h"

TEST_CASE("mismatch_at finds the first differing byte, a word at a time", "[util]") {
  std::size_t checked = 0;
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>(i * 37 + n);
    CHECK(kt::util::mismatch_at(a.data(), a.data(), n) == n);
    std::string copy = a;
    CHECK(kt::util::mismatch_at(a.data(), copy.data(), n) == n);
    for (std::size_t at = 0; at < n; ++at)
      for (const char flip : {'\x01', '\x80', '\xff'}) {
        std::string b = a;
        b[at] = static_cast<char>(b[at] ^ flip);
        b.append(3, 'y');  // bytes past n are not compared
        const auto expected = static_cast<std::size_t>(std::mismatch(a.begin(), a.end(), b.begin()).first - a.begin());
        REQUIRE(expected == at);
        CHECK(kt::util::mismatch_at(a.data(), b.data(), n) == at);
        // A later difference does not hide an earlier one.
        if (at + 9 < n) {
          b[at + 9] = static_cast<char>(b[at + 9] ^ 0x40);
          CHECK(kt::util::mismatch_at(a.data(), b.data(), n) == at);
        }
        ++checked;
      }
  }
  CHECK(checked == 3 * (40 * 41 / 2));
}
