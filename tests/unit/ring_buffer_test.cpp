// RingBuffer (core/util/ring_buffer.h): the store's watch log.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/util/ring_buffer.h"

using kt::util::RingBuffer;

namespace {
std::vector<int> contents(const RingBuffer<int>& r) {
  std::vector<int> out;
  r.for_each([&](int v) { out.push_back(v); });
  return out;
}
}  // namespace

TEST_CASE("ring buffer: a FIFO read by position from the front", "[ring-buffer]") {
  RingBuffer<int> r;
  CHECK(r.empty());
  for (int i = 0; i < 5; ++i) r.push_back(i);
  CHECK(r.size() == 5);
  CHECK(r.front() == 0);
  CHECK(r.back() == 4);
  CHECK(r[3] == 3);
  r.pop_front();
  r.pop_front();
  CHECK(contents(r) == std::vector<int>{2, 3, 4});
  r[0] = 20;
  CHECK(r.front() == 20);
}

TEST_CASE("ring buffer: wraps around and grows without losing order", "[ring-buffer]") {
  RingBuffer<int> r;
  std::vector<int> model;
  int next = 0;
  // Steady state (push one, pop one) wraps the front past the end of the array many
  // times; bursts of pushes grow it while it is wrapped.
  for (int round = 0; round < 40; ++round) {
    const int pushes = round % 7 == 0 ? 37 : 3;
    for (int i = 0; i < pushes; ++i) {
      r.push_back(next);
      model.push_back(next++);
    }
    for (int i = 0; i < 3 && !model.empty(); ++i) {
      CHECK(r.front() == model.front());
      r.pop_front();
      model.erase(model.begin());
    }
    REQUIRE(r.size() == model.size());
    for (std::size_t i = 0; i < model.size(); ++i) REQUIRE(r[i] == model[i]);
  }
  CHECK(contents(r) == model);
  r.clear();
  CHECK(r.empty());
  r.push_back(7);
  CHECK(contents(r) == std::vector<int>{7});
}

TEST_CASE("ring buffer: a popped element is released at once", "[ring-buffer]") {
  RingBuffer<std::shared_ptr<std::string>> r;
  auto held = std::make_shared<std::string>("event");
  std::weak_ptr<std::string> watch = held;
  r.push_back(std::move(held));
  r.push_back(std::make_shared<std::string>("next"));
  CHECK_FALSE(watch.expired());
  r.pop_front();
  CHECK(watch.expired());  // not kept until its slot is reused
  CHECK(*r.front() == "next");
}
