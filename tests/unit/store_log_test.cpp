// Store's watch fan-out: every watch of a resource reads the one history log from
// its own cursor. A watch that falls behind the replay window still gets every
// event, the log gives entries back once they are read and outside the window, and
// 410 Expired still follows the window alone.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/api/store.h"

using namespace kt;
using namespace kt::api;

namespace {

struct StoreFixture {
  sim::Simulator sim{sim::Time{0}};
  Store store{sim, 3, sim::Duration{}};  // a replay window of 3 events
  const ResourceInfo& cm = *ResourceRegistry::builtin().find_plural("", "configmaps");

  ObjectPtr write(const std::string& name, const std::string& app = "web") {
    Json obj = {{"metadata",
                 {{"name", name},
                  {"namespace", "default"},
                  {"labels", {{"app", app}}},
                  {"resourceVersion", std::to_string(store.next_resource_version())}}}};
    return store.put(cm, "default/" + name, std::move(obj));
  }
  WatchPtr watch(std::vector<std::string>& seen, ObjectFilter filter = nullptr,
                 std::optional<std::uint64_t> from = std::nullopt) {
    return store.watch(cm, "", from ? from : std::optional<std::uint64_t>(store.resource_version()),
                       std::move(filter), false, [&seen](const WatchEvent& e) {
                         seen.push_back(std::string(to_string(e.type)) + " " + meta::name(*e.object));
                       });
  }
};

}  // namespace

TEST_CASE("a watch that falls behind the replay window still gets every event", "[store][watch]") {
  StoreFixture f;
  std::vector<std::string> seen;
  auto w = f.watch(seen);
  for (int i = 0; i < 10; ++i) f.write("cm" + std::to_string(i));
  CHECK(f.store.log_size(f.cm) == 10);  // the watch has read none of them
  f.sim.run_until_idle();
  REQUIRE(seen.size() == 10);
  CHECK(seen.front() == "ADDED cm0");
  CHECK(seen.back() == "ADDED cm9");
  f.write("cm10");  // the log trims once the entries are read
  CHECK(f.store.log_size(f.cm) == 3);
  f.sim.run_until_idle();
  CHECK(seen.back() == "ADDED cm10");
}

TEST_CASE("the replay window alone decides 410, whatever the log still holds", "[store][watch]") {
  StoreFixture f;
  const std::uint64_t start = f.store.resource_version();
  std::vector<std::string> lagging;
  auto w = f.watch(lagging);
  for (int i = 0; i < 6; ++i) f.write("cm" + std::to_string(i));
  REQUIRE(f.store.log_size(f.cm) == 6);
  std::vector<std::string> late;
  CHECK_THROWS_AS(f.watch(late, nullptr, start), ApiError);
  // From inside the window: the last three writes only.
  auto w2 = f.watch(late, nullptr, f.store.resource_version() - 3);
  f.sim.run_until_idle();
  CHECK(late == std::vector<std::string>{"ADDED cm3", "ADDED cm4", "ADDED cm5"});
  CHECK(lagging.size() == 6);
}

TEST_CASE("watches that see nothing of a write, or were stopped, do not hold the log", "[store][watch]") {
  StoreFixture f;
  std::vector<std::string> db_only, stopped;
  auto selective = f.watch(db_only, [](const Json& o) { return meta::labels(o).value("app", "") == "db"; });
  auto gone = f.watch(stopped);
  gone->stop();
  for (int i = 0; i < 10; ++i) f.write("cm" + std::to_string(i));
  CHECK(f.store.log_size(f.cm) == 3);
  CHECK(f.sim.pending() == 0);  // nobody was woken
  f.write("db0", "db");
  f.write("web", "web");
  f.write("cm0", "db");  // cm0 enters the selection: ADDED
  f.write("db0", "web");  // db0 leaves it: DELETED
  f.sim.run_until_idle();
  CHECK(db_only == std::vector<std::string>{"ADDED db0", "ADDED cm0", "DELETED db0"});
  CHECK(stopped.empty());
  CHECK(f.store.log_size(f.cm) == 4);  // trimmed by writes: the last one was still unread then
  f.write("web2", "web");
  CHECK(f.store.log_size(f.cm) == 3);
}

TEST_CASE("a handler that writes sees its own writes after the events before them", "[store][watch]") {
  StoreFixture f;
  std::vector<std::string> seen;
  WatchPtr w = f.store.watch(f.cm, "", f.store.resource_version(), nullptr, false, [&](const WatchEvent& e) {
    const std::string name = meta::name(*e.object);
    seen.push_back(name);
    if (name.rfind("echo-", 0) != 0) f.write("echo-" + name);  // a controller reacting
  });
  for (int i = 0; i < 5; ++i) f.write("cm" + std::to_string(i));
  f.sim.run_until_idle();
  CHECK(seen == std::vector<std::string>{"cm0", "cm1", "cm2", "cm3", "cm4", "echo-cm0", "echo-cm1", "echo-cm2",
                                         "echo-cm3", "echo-cm4"});
  w->stop();
  f.write("after");
  CHECK(f.store.log_size(f.cm) == 3);
}

TEST_CASE("peek shows what a watch with a selector will be given next", "[store][watch]") {
  StoreFixture f;
  std::vector<std::string> seen;
  WatchPtr w;
  std::vector<std::string> peeks;
  w = f.store.watch(f.cm, "", f.store.resource_version(),
                    [](const Json& o) { return meta::labels(o).value("app", "") == "db"; }, false,
                    [&](const WatchEvent& e) {
                      seen.push_back(std::string(to_string(e.type)) + " " + meta::name(*e.object));
                      const WatchEvent* next = w->peek(1);
                      peeks.push_back(next ? std::string(to_string(next->type)) + " " + meta::name(*next->object) : "-");
                    });
  f.write("a", "db");
  f.write("b", "web");  // not seen
  f.write("a", "web");  // a leaves the selection: DELETED
  f.write("c", "db");
  REQUIRE(w->peek(1) != nullptr);
  CHECK(meta::name(*w->peek(1)->object) == "a");
  CHECK(w->peek(2)->type == WatchEvent::Type::Deleted);
  CHECK(meta::name(*w->peek(3)->object) == "c");
  CHECK(w->peek(4) == nullptr);
  f.sim.run_until_idle();
  CHECK(seen == std::vector<std::string>{"ADDED a", "DELETED a", "ADDED c"});
  CHECK(peeks == std::vector<std::string>{"DELETED a", "ADDED c", "-"});
}

TEST_CASE("peek with a selector stays exact as the watch delivers, writes arrive and it looks further ahead",
          "[store][watch]") {
  // A random stream of writes to a few names with two apps; the watch selects one.
  // At every delivery, peek(k) for k = 1..5 must be the event delivered k-1 later,
  // or nothing when that event was not written yet (it comes in a later round).
  StoreFixture f;
  std::vector<std::string> delivered;
  std::vector<int> round_of;                     // the round each event was delivered in
  std::vector<std::vector<std::string>> peeked;  // at each delivery, peek(1..5)
  int round = 0;
  WatchPtr w;
  auto text = [](const WatchEvent* e) {
    return e ? std::string(to_string(e->type)) + " " + meta::name(*e->object) : std::string("-");
  };
  w = f.store.watch(f.cm, "", f.store.resource_version(),
                    [](const Json& o) { return meta::labels(o).value("app", "") == "db"; }, false,
                    [&](const WatchEvent& e) {
                      delivered.push_back(text(&e));
                      round_of.push_back(round);
                      std::vector<std::string> ahead;
                      for (std::size_t k = 1; k <= 5; ++k) ahead.push_back(text(w->peek(k)));
                      peeked.push_back(ahead);
                    });
  std::uint64_t x = 12345;
  auto next = [&x] { return (x = x * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
  for (round = 0; round < 60; ++round) {
    const int burst = static_cast<int>(next() % 9);
    for (int i = 0; i < burst; ++i) f.write("n" + std::to_string(next() % 5), next() % 3 == 0 ? "db" : "web");
    f.sim.run_until_idle();  // delivers the burst
  }
  REQUIRE(delivered.size() > 20);
  std::size_t named = 0, none = 0;
  for (std::size_t i = 0; i < peeked.size(); ++i)
    for (std::size_t k = 1; k <= 5; ++k) {
      INFO("delivery " << i << ", peek(" << k << ")");
      if (peeked[i][k - 1] == "-") {
        ++none;
        if (i + k < delivered.size()) CHECK(round_of[i + k] > round_of[i]);
      } else {
        ++named;
        REQUIRE(i + k < delivered.size());
        CHECK(peeked[i][k - 1] == delivered[i + k]);
        CHECK(round_of[i + k] == round_of[i]);
      }
    }
  CHECK(named > 20);
  CHECK(none > 20);
}
