#include <catch2/catch.hpp>

#include <set>

#include "core/util/names.h"

using namespace kt;
using namespace kt::util;

namespace {
bool in_alphabet(std::string_view s) { return s.find_first_not_of(kNameAlphabet) == std::string_view::npos; }
}  // namespace

TEST_CASE("generated names", "[names]") {
  sim::Random rng(42);
  std::string n = generate_name("web-7d4b9c8f5-", rng);
  CHECK(n.size() == 19);
  CHECK(n.substr(0, 14) == "web-7d4b9c8f5-");
  CHECK(in_alphabet(n.substr(14)));

  // The same seed draws the same names.
  sim::Random a(7), b(7);
  CHECK(generate_name("job-", a) == generate_name("job-", b));

  // A long base is cut to 58 bytes so the name stays within 63.
  sim::Random r(1);
  std::string long_name = generate_name(std::string(70, 'x'), r);
  CHECK(long_name.size() == 63);
  CHECK(long_name.substr(0, 58) == std::string(58, 'x'));

  CHECK(rand_string(0, r).empty());
  std::set<char> seen;
  for (int i = 0; i < 200; ++i)
    for (char c : rand_string(10, r)) seen.insert(c);
  CHECK(seen.size() == kNameAlphabet.size());  // every character is drawn
  CHECK(kMaxGeneratedNameLength == 58);
}

TEST_CASE("safe encoding and template hashes", "[names]") {
  // Digits map onto 4 5 6 7 8 9 b c d f, hence hashes like "5d4b8c9f7".
  CHECK(safe_encode_string("0123456789") == "456789bcdf");
  CHECK(safe_encode_uint32(1234567890) == "56789bcdf4");
  CHECK(safe_encode_uint32(0) == "4");
  CHECK(safe_encode_string("abc") == "vwx");  // 'a' = 97, 97 % 27 = 16 -> 'v'
  CHECK(safe_encode_string("") == "");
  // FNV-1a 32 test vectors.
  CHECK(fnv32a("") == 2166136261u);
  CHECK(fnv32a("a") == 0xe40c292cu);
  CHECK(fnv32a("foobar") == 0xbf9cf968u);
  CHECK(fnv32a("bar", fnv32a("foo")) == 0xbf9cf968u);
  CHECK(compute_hash_fnv32a("a") == safe_encode_uint32(0xe40c292cu));
  CHECK(compute_hash_fnv32a("a") == "7d6b446664");
  // A collision count changes the hash: 8 more bytes (little-endian uint32, then zeros).
  const char tail[8] = {1, 0, 0, 0, 0, 0, 0, 0};
  CHECK(compute_hash_fnv32a("a", 1) == safe_encode_uint32(fnv32a(std::string_view(tail, 8), fnv32a("a"))));
  CHECK(compute_hash_fnv32a("a", 0) != compute_hash_fnv32a("a"));
  for (char c : compute_hash_fnv32a("spec", 3)) CHECK(std::string_view("456789bcdf").find(c) != std::string_view::npos);
}
