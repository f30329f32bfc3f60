// util::SegmentedVector: an indexed sequence that never moves its elements.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/sim/random.h"
#include "core/util/segmented_vector.h"

using kt::util::SegmentedVector;

TEST_CASE("segmented vector indexes like a vector and never moves an element", "[segmented_vector]") {
  SegmentedVector<std::string> v;
  std::vector<const std::string*> addresses;
  for (int i = 0; i < 5000; ++i) {  // through nine segments (16, 32, ... 4096)
    v.push_back("item-" + std::to_string(i) + std::string(20, 'x'));
    addresses.push_back(&v[static_cast<std::size_t>(i)]);
  }
  REQUIRE(v.size() == 5000);
  std::size_t wrong = 0, moved = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != "item-" + std::to_string(i) + std::string(20, 'x')) ++wrong;
    if (&v[i] != addresses[i]) ++moved;
  }
  CHECK(wrong == 0);
  CHECK(moved == 0);
  CHECK(v.back() == "item-4999" + std::string(20, 'x'));
}

TEST_CASE("segmented vector follows a std::vector through random pushes and pops", "[segmented_vector]") {
  SegmentedVector<std::shared_ptr<int>> v;
  std::vector<std::shared_ptr<int>> model;
  kt::sim::Random rng(11);
  for (int step = 0; step < 20000; ++step) {
    if (!model.empty() && rng.below(3) == 0) {
      CHECK(*v.back() == *model.back());
      v.pop_back();
      model.pop_back();
    } else {
      auto p = std::make_shared<int>(step);
      v.push_back(p);
      model.push_back(p);
    }
  }
  REQUIRE(v.size() == model.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < model.size(); ++i)
    if (v[i] != model[i]) ++differ;
  CHECK(differ == 0);
  // Elements are destroyed with the vector (and by clear): only the model holds them after.
  const std::shared_ptr<int> first = model.front();
  CHECK(first.use_count() == 3);  // model, v, first
  SegmentedVector<std::shared_ptr<int>> copy = v;
  CHECK(first.use_count() == 4);
  v.clear();
  CHECK(v.empty());
  CHECK(first.use_count() == 3);
  SegmentedVector<std::shared_ptr<int>> taken = std::move(copy);
  CHECK(copy.empty());
  CHECK(taken.size() == model.size());
  CHECK(first.use_count() == 3);
}
