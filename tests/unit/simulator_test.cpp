#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/sim/pacer.h"
#include "core/sim/random.h"
#include "core/sim/simulator.h"

using namespace kt::sim;

TEST_CASE("events run in time order, FIFO among equal times", "[sim]") {
  Simulator sim(Time{1000});
  std::vector<std::string> log;
  sim.schedule(seconds(2), [&] { log.push_back("b@2"); });
  sim.schedule(seconds(1), [&] { log.push_back("a@1"); });
  sim.schedule(seconds(2), [&] { log.push_back("c@2"); });
  sim.schedule(Duration{}, [&] { log.push_back("now"); });
  CHECK(sim.run_until(Time{1000} + seconds(2)) == 4);
  CHECK(log == std::vector<std::string>{"now", "a@1", "b@2", "c@2"});
  CHECK(sim.now() == Time{1000} + seconds(2));
}

TEST_CASE("run_until advances the clock to the target even without events", "[sim]") {
  Simulator sim(Time{0});
  CHECK(sim.run_until(Time{0} + minutes(5)) == 0);
  CHECK(sim.now().us == minutes(5).us);
  // The clock never goes back.
  sim.run_until(Time{0});
  CHECK(sim.now().us == minutes(5).us);
}

TEST_CASE("events scheduled by events run in the same run when due", "[sim]") {
  Simulator sim(Time{0});
  std::vector<int> log;
  sim.schedule(seconds(1), [&] {
    log.push_back(1);
    sim.schedule(Duration{}, [&] { log.push_back(2); });
    sim.schedule(seconds(10), [&] { log.push_back(3); });
  });
  sim.run_until(Time{0} + seconds(5));
  CHECK(log == std::vector<int>{1, 2});
  CHECK(sim.pending() == 1);
  sim.run_until_idle();
  CHECK(log == std::vector<int>{1, 2, 3});
  CHECK(sim.now().us == seconds(11).us);
}

TEST_CASE("cancel removes a pending event once", "[sim]") {
  Simulator sim(Time{0});
  int ran = 0;
  EventId a = sim.schedule(seconds(1), [&] { ++ran; });
  sim.schedule(seconds(2), [&] { ran += 10; });
  CHECK(sim.cancel(a));
  CHECK_FALSE(sim.cancel(a));
  CHECK(sim.pending() == 1);
  sim.run_until_idle();
  CHECK(ran == 10);
  CHECK_FALSE(sim.cancel(12345));
}

TEST_CASE("a past time runs at now", "[sim]") {
  Simulator sim(Time{0} + seconds(100));
  bool ran = false;
  sim.schedule_at(Time{0}, [&] { ran = true; });
  CHECK(sim.next_event_time() == sim.now());
  sim.step();
  CHECK(ran);
  CHECK(sim.now().us == seconds(100).us);
}

TEST_CASE("random streams are reproducible and independent per label", "[sim][random]") {
  Random a(42), b(42), c(43);
  std::vector<std::uint64_t> xa, xb, xc;
  for (int i = 0; i < 5; ++i) {
    xa.push_back(a.next());
    xb.push_back(b.next());
    xc.push_back(c.next());
  }
  CHECK(xa == xb);
  CHECK(xa != xc);

  // A fork depends only on the parent's seed and the label, not on draws made since.
  Random p1(7), p2(7);
  p2.next();
  p2.next();
  CHECK(p1.fork("kubelet").next() == p2.fork("kubelet").next());
  CHECK(p1.fork("kubelet").next() != p1.fork("scheduler").next());
}

TEST_CASE("random ranges stay in bounds and cover them", "[sim][random]") {
  Random r(1);
  std::vector<int> seen(6, 0);
  for (int i = 0; i < 6000; ++i) {
    auto v = r.between(10, 15);
    REQUIRE(v >= 10);
    REQUIRE(v <= 15);
    ++seen[static_cast<std::size_t>(v - 10)];
    double u = r.unit();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
  }
  for (int n : seen) CHECK(n > 800);  // ~1000 each
}

TEST_CASE("the pacer follows wall time times speed, and pauses", "[sim][pacer]") {
  Simulator sim(Time{0});
  Pacer pacer(sim);
  pacer.on_wall_elapsed(0.5);
  CHECK(sim.now().us == millis(500).us);
  pacer.set_speed(10);
  pacer.on_wall_elapsed(0.25);
  CHECK(sim.now().us == millis(3000).us);
  pacer.pause();
  pacer.on_wall_elapsed(100);
  CHECK(sim.now().us == millis(3000).us);
  int ran = 0;
  sim.schedule(seconds(60), [&] { ++ran; });
  CHECK(pacer.step());  // single step while paused jumps to the next event
  CHECK(ran == 1);
  CHECK(sim.now().us == millis(63000).us);
  pacer.resume();
  pacer.set_speed(1000);
  pacer.on_wall_elapsed(3600);  // a backgrounded tab: capped catch-up
  CHECK(sim.now().us == millis(68000).us);
}
