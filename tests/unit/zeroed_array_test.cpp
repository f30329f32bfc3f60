// ZeroedArray (core/util/zeroed_array.h): the index array of ObjectMap.
#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>

#include "core/util/zeroed_array.h"

using kt::util::ZeroedArray;

TEST_CASE("zeroed array: every element starts at zero; moves hand the block over", "[zeroed_array]") {
  ZeroedArray<std::uint64_t> a(1 << 16);
  REQUIRE(a.size() == 1 << 16);
  bool all_zero = true;
  for (std::size_t i = 0; i < a.size(); ++i) all_zero = all_zero && a[i] == 0;
  CHECK(all_zero);
  a[7] = 42;
  const std::uint64_t* block = a.data();
  ZeroedArray<std::uint64_t> b = std::move(a);
  CHECK(b.data() == block);
  CHECK(b[7] == 42);
  CHECK(a.size() == 0);
  CHECK(a.data() == nullptr);
  a = ZeroedArray<std::uint64_t>(4);
  CHECK(a[3] == 0);
  a = std::move(b);
  CHECK(a[7] == 42);
  CHECK(ZeroedArray<std::uint64_t>().size() == 0);
}
