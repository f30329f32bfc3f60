// util::node_pool: blocks are reused by size class, big requests bypass the pool,
// and node containers work on top of it. json_detail::KeyLess orders keys as
// std::less<std::string> does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/sim/random.h"
#include "core/util/node_pool.h"

namespace pool = kt::util::node_pool;

TEST_CASE("node pool reuses freed blocks of the same size class", "[node_pool]") {
  void* a = pool::allocate(80);
  void* b = pool::allocate(72);  // the same 80-byte class
  CHECK(a != b);
  std::memset(a, 0xab, 80);
  std::memset(b, 0xcd, 72);
  pool::deallocate(a, 80);
  CHECK(pool::allocate(65) == a);  // last freed, first reused
  pool::deallocate(b, 72);
  void* c = pool::allocate(48);  // another class: not b
  CHECK(c != b);
  CHECK(reinterpret_cast<std::uintptr_t>(c) % 16 == 0);
  pool::deallocate(c, 48);
  pool::deallocate(a, 65);
}

TEST_CASE("node pool hands out distinct aligned blocks across chunks", "[node_pool]") {
  std::vector<std::pair<void*, std::size_t>> blocks;
  std::set<void*> seen;
  kt::sim::Random rng(3);
  std::size_t misaligned = 0, reused = 0, overwritten = 0;
  for (int i = 0; i < 20000; ++i) {  // well past one 64 KiB chunk
    const std::size_t n = 1 + rng.next() % pool::kMaxBlock;
    void* p = pool::allocate(n);
    misaligned += reinterpret_cast<std::uintptr_t>(p) % 16 != 0;
    reused += !seen.insert(p).second;
    std::memset(p, i & 0xff, n);
    blocks.emplace_back(p, n);
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const auto* bytes = static_cast<unsigned char*>(blocks[i].first);
    overwritten += bytes[0] != (i & 0xff) || bytes[blocks[i].second - 1] != (i & 0xff);
  }
  CHECK(misaligned == 0);
  CHECK(reused == 0);
  CHECK(overwritten == 0);
  for (auto& [p, n] : blocks) pool::deallocate(p, n);
  void* big = pool::allocate(pool::kMaxBlock + 1);  // from the system
  std::memset(big, 1, pool::kMaxBlock + 1);
  pool::deallocate(big, pool::kMaxBlock + 1);
}

TEST_CASE("a std::map over the node pool behaves as usual", "[node_pool]") {
  std::map<int, std::string, std::less<>, pool::Allocator<std::pair<const int, std::string>>> m;
  for (int i = 0; i < 5000; ++i) m[(i * 7919) % 5000] = std::to_string(i);
  REQUIRE(m.size() == 5000);
  CHECK(m.begin()->first == 0);
  CHECK(m.rbegin()->first == 4999);
  for (int i = 0; i < 5000; i += 2) m.erase(i);
  CHECK(m.size() == 2500);
  CHECK(m.count(1) == 1);
  CHECK(m.count(2) == 0);
}

TEST_CASE("JSON object keys sort byte-wise, as std::less<std::string>", "[node_pool][json]") {
  kt::sim::Random rng(11);
  std::vector<std::string> keys = {"", "a", "A", "ab", "a\xff", "\x80", "b", "aa", "metadata", "m"};
  const std::string alphabet = std::string("aAbz09-._/") + "\x7f\x80\xc3\xff";
  for (int i = 0; i < 400; ++i) {
    std::string k;
    for (std::size_t n = rng.next() % 6; n > 0; --n) k += alphabet[rng.next() % alphabet.size()];
    keys.push_back(k);
  }
  kt::json_detail::KeyLess less;
  std::size_t disagreements = 0;
  for (const auto& x : keys)
    for (const auto& y : keys) disagreements += less(x, y) != std::less<std::string>()(x, y);
  CHECK(disagreements == 0);
  kt::Json obj = kt::Json::object();
  for (const auto& k : keys) obj[k] = k.size();
  std::vector<std::string> sorted(keys);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<std::string> got;
  for (const auto& [k, v] : obj.items()) got.push_back(k);
  CHECK(got == sorted);
  CHECK(obj.contains("metadata"));
  CHECK(obj.find(std::string_view("a\xff")) != obj.end());
  const char* runtime_key = keys[3].c_str();
  CHECK(obj.find(runtime_key) != obj.end());
  CHECK(obj.count("no such key") == 0);
}
