// Container commands that loop: the planner runs `sh -c` loops over virtual time
// (one line per `sleep 1`), exits when they end, and bounds the ones that never do.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/node/images.h"
#include "core/node/process.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;

namespace {

node::ProcessPlan plan(const std::string& script) {
  const auto img = node::resolve_image("busybox:1.36").image;
  REQUIRE(img);
  Json c = {{"name", "c"}, {"image", "busybox:1.36"}};
  c["command"] = Json::array({"sh", "-c", script});
  return node::plan_process(*img, c, sim::Time{1736931600LL * 1000000});
}

std::vector<std::string> texts(const node::ProcessPlan& p) {
  std::vector<std::string> out;
  for (const auto& l : p.logs) out.push_back(l.text);
  return out;
}

}  // namespace

TEST_CASE("for, while and until loops run over virtual time and exit", "[process][loops]") {
  auto p = plan("for i in $(seq 1 5); do echo \"tick $i\"; sleep 1; done");
  CHECK(texts(p) == std::vector<std::string>{"tick 1", "tick 2", "tick 3", "tick 4", "tick 5"});
  CHECK(p.logs[2].at == sim::seconds(2));
  CHECK_FALSE(p.runs_forever);
  CHECK(p.exit_code == 0);
  CHECK(p.runs_for >= sim::seconds(5));

  p = plan("i=0; while [ $i -lt 3 ]; do echo count=$i; i=$((i+1)); sleep 2; done; exit 4");
  CHECK(texts(p) == std::vector<std::string>{"count=0", "count=1", "count=2"});
  CHECK(p.logs[1].at == sim::seconds(2));
  CHECK(p.exit_code == 4);

  p = plan("n=3\nuntil [ $n -eq 0 ]\ndo\n  echo $n\n  n=$((n - 1))\ndone\necho liftoff");
  CHECK(texts(p) == std::vector<std::string>{"3", "2", "1", "liftoff"});

  p = plan("for x in a b; do for y in 1 2; do echo $x$y; done; done");
  CHECK(texts(p) == std::vector<std::string>{"a1", "a2", "b1", "b2"});
}

TEST_CASE("a loop that never ends writes one line per second, bounded", "[process][loops]") {
  auto p = plan("while true; do echo hello; sleep 1; done");
  CHECK(p.runs_forever);
  REQUIRE(p.logs.size() == 10001);
  CHECK(p.logs[0].text == "hello");
  CHECK(p.logs[0].at == sim::seconds(0));
  CHECK(p.logs[59].at == sim::seconds(59));
  // `date` in the loop tells the virtual time.
  p = plan("while true; do date; sleep 5; done");
  CHECK(p.logs[0].text == "Wed Jan 15 09:00:00 UTC 2025");
  CHECK(p.logs[1].text == "Wed Jan 15 09:00:05 UTC 2025");
  // A loop that never sleeps spins; it is cut off rather than planned forever.
  p = plan("while :; do :; done");
  CHECK(p.runs_forever);
  CHECK(p.logs.empty());
}

TEST_CASE("kubectl logs follows a looping container over time", "[process][loops][logs]") {
  kt::testing::ShellFixture f;
  REQUIRE(f.out("kubectl run counter --image=busybox:1.36 -- sh -c 'i=0; while true; do echo \"$i: $(date)\"; "
                "i=$((i+1)); sleep 1; done'") == "pod/counter created\n");
  f.sandbox.advance(sim::seconds(20));
  const std::string out = f.out("kubectl logs counter");
  // About as many lines as seconds it has run, numbered from 0, each a second apart.
  const auto lines = std::count(out.begin(), out.end(), '\n');
  CHECK(lines >= 5);
  CHECK(lines <= 20);
  CHECK(out.rfind("0: ", 0) == 0);
  CHECK(out.find(" UTC 20") != std::string::npos);  // $(date) inside the quoted word
  CHECK(out.find("$(") == std::string::npos);
  f.sandbox.advance(sim::seconds(10));
  const std::string later = f.out("kubectl logs counter --tail 2");
  CHECK(std::count(later.begin(), later.end(), '\n') == 2);
  // --since keeps the last seconds' lines: one a second.
  const std::string recent = f.out("kubectl logs counter --since=5s");
  const auto n_recent = std::count(recent.begin(), recent.end(), '\n');
  CHECK(n_recent >= 5);
  CHECK(n_recent <= 6);
  const std::string stamped = f.out("kubectl logs counter --since=1s --timestamps");
  CHECK(stamped.find("Z ") != std::string::npos);  // RFC3339Nano, then the line
  CHECK(f.out("kubectl logs counter --since=x") ==
        "Error: invalid argument \"x\" for \"--since\" flag: time: invalid duration \"x\"\nSee 'kubectl logs --help' "
        "for usage.\n");
  const std::string all = f.out("kubectl logs counter");
  CHECK(std::count(all.begin(), all.end(), '\n') >= lines + 9);

  REQUIRE(f.out("kubectl run five --image=busybox:1.36 --restart=Never -- sh -c 'for i in 1 2 3 4 5; do echo $i; "
                "sleep 1; done'") == "pod/five created\n");
  f.sandbox.advance(sim::seconds(30));
  CHECK(f.out("kubectl logs five") == "1\n2\n3\n4\n5\n");
  CHECK(f.out("kubectl get pod five --no-headers | awk '{print $3}'") == "Completed\n");
}
