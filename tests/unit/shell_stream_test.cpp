// Commands that keep running (core/terminal/job.h) in the terminal: kubectl get -w,
// logs -f and rollout status stream their output as virtual time passes and end by
// themselves or on Ctrl-C; background jobs (`&`, jobs, kill, fg); and the same
// commands outside a terminal, where they run to their end in fast-forward.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"
#include "core/terminal/shell.h"
#include "core/terminal/terminal.h"

using namespace kt;

namespace {

constexpr const char* kPrompt = "[root@k8s-master ~]# ";

struct TermFixture {
  Sandbox sb;
  std::string screen;
  Terminal term{sb, [this](std::string_view s) { screen += s; }};

  TermFixture() {
    term.start();
    screen.clear();
  }
  // Types a line and returns what the terminal wrote for it.
  std::string type(const std::string& line) {
    screen.clear();
    term.input(line + "\r");
    return screen;
  }
  // Lets `seconds` of virtual time pass as the browser does: a tick after each step.
  std::string run_for(int seconds) {
    screen.clear();
    for (int i = 0; i < seconds * 4; ++i) {
      sb.advance(sim::millis(250));
      term.tick();
    }
    return screen;
  }
  void kubectl(std::vector<std::string> args) { REQUIRE(kubectl::run(sb, args).exit_code == 0); }
};

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

TEST_CASE("kubectl get -w streams a row per change until Ctrl-C", "[shell][stream]") {
  TermFixture f;
  f.kubectl({"create", "deployment", "web", "--image=nginx:1.25"});
  f.sb.advance(sim::seconds(30));
  const std::string first = f.type("kubectl get pods -w");
  INFO(first);
  CHECK(first.rfind("kubectl get pods -w\r\nNAME ", 0) == 0);
  CHECK(count(first, "Running") == 1);
  CHECK(first.find(kPrompt) == std::string::npos);  // busy: no prompt
  CHECK(f.term.busy());
  CHECK(f.run_for(5).empty());  // nothing changes, nothing printed

  f.kubectl({"scale", "deployment", "web", "--replicas=3"});
  const std::string rows = f.run_for(30);
  INFO(rows);
  CHECK(rows.find("NAME") == std::string::npos);  // the header only once
  CHECK(count(rows, "Pending") >= 2);
  CHECK(count(rows, "ContainerCreating") >= 2);
  CHECK(count(rows, "Running") >= 2);
  CHECK(rows.find(kPrompt) == std::string::npos);

  f.screen.clear();
  f.term.input("ls\r");  // type-ahead: echoed, and discarded by Ctrl-C
  CHECK(f.screen == "ls\r\n");
  f.term.input("\x03");
  CHECK(f.screen == std::string("ls\r\n^C\r\n") + kPrompt);
  CHECK_FALSE(f.term.busy());
  CHECK(f.type("echo $?") == std::string("echo $?\r\n130\r\n") + kPrompt);
}

TEST_CASE("kubectl get -w prints deletions with the object's last state, and watch events", "[shell][stream]") {
  TermFixture f;
  f.kubectl({"create", "deployment", "web", "--image=nginx:1.25"});
  f.sb.advance(sim::seconds(30));
  const std::string first = f.type("kubectl get deploy --watch-only --output-watch-events");
  CHECK(first == "kubectl get deploy --watch-only --output-watch-events\r\n");  // nothing until a change
  f.kubectl({"delete", "deployment", "web"});
  const std::string rows = f.run_for(5);
  INFO(rows);
  CHECK(rows.rfind("EVENT      NAME ", 0) == 0);  // the header comes with the first row
  CHECK(rows.find("\nDELETED    web ") != std::string::npos);
  f.term.input("\x03");
}

TEST_CASE("kubectl logs -f prints lines as the container writes them and ends with it", "[shell][stream]") {
  TermFixture f;
  f.sb.api().create(f.sb.api().resource("", "pods"), "default",
                    Json{{"apiVersion", "v1"},
                         {"kind", "Pod"},
                         {"metadata", {{"name", "counter"}}},
                         {"spec",
                          {{"restartPolicy", "Never"},
                           {"containers", Json::array({Json{{"name", "c"},
                                                            {"image", "busybox:1.36"},
                                                            {"command", Json::array({"sh", "-c",
                                                                                     "echo one; sleep 10; echo two; "
                                                                                     "sleep 10; echo three; sleep 5"})}}})}}}});
  // Once the container has started (it writes "one" at once):
  for (int i = 0; i < 60 && kubectl::run(f.sb, {"logs", "counter"}).output != "one\n"; ++i) f.sb.advance(sim::seconds(1));
  const std::string start = f.type("kubectl logs -f counter");
  INFO(start);
  REQUIRE(f.term.busy());
  CHECK(start == "kubectl logs -f counter\r\none\r\n");
  CHECK(f.run_for(8).empty());  // "two" comes 10 s after "one"
  CHECK(f.run_for(4) == "two\r\n");
  const std::string rest = f.run_for(20);
  CHECK(rest == std::string("three\r\n") + kPrompt);  // the container exited: the prompt is back
  CHECK_FALSE(f.term.busy());
  CHECK(f.type("echo $?") == std::string("echo $?\r\n0\r\n") + kPrompt);
}

TEST_CASE("kubectl attach streams what the container writes from now on", "[shell][stream]") {
  TermFixture f;
  f.sb.api().create(f.sb.api().resource("", "pods"), "default",
                    Json{{"apiVersion", "v1"},
                         {"kind", "Pod"},
                         {"metadata", {{"name", "counter"}}},
                         {"spec",
                          {{"restartPolicy", "Never"},
                           {"containers", Json::array({Json{{"name", "c"},
                                                            {"image", "busybox:1.36"},
                                                            {"command", Json::array({"sh", "-c",
                                                                                     "echo one; sleep 10; echo two; "
                                                                                     "sleep 5"})}}})}}}});
  for (int i = 0; i < 60 && kubectl::run(f.sb, {"logs", "counter"}).output != "one\n"; ++i) f.sb.advance(sim::seconds(1));
  // "one" was written before attaching: attach shows only what comes after.
  const std::string start = f.type("kubectl attach counter");
  INFO(start);
  REQUIRE(f.term.busy());
  CHECK(start == "kubectl attach counter\r\n");
  const std::string rest = f.run_for(30);
  CHECK(rest == std::string("two\r\n") + kPrompt);
  CHECK(kubectl::run(f.sb, {"attach", "nope"}).output == "Error from server (NotFound): pods \"nope\" not found\n");
  CHECK(kubectl::run(f.sb, {"attach", "counter"}).output ==
        "error: cannot attach a container in a completed pod; current phase is Succeeded\n");
  CHECK(kubectl::run(f.sb, {"attach"}).output == "error: at least 1 argument is required for attach\n");
}

TEST_CASE("kubectl rollout status streams its lines during a rollout", "[shell][stream]") {
  TermFixture f;
  f.kubectl({"create", "deployment", "web", "--image=nginx:1.25", "--replicas=4"});
  f.sb.advance(sim::seconds(60));
  f.kubectl({"set", "image", "deployment/web", "nginx=nginx:1.26"});
  const std::string first = f.type("kubectl rollout status deployment/web");
  INFO(first);
  CHECK(first.find("Waiting for deployment") != std::string::npos);
  REQUIRE(f.term.busy());
  const std::string more = f.run_for(120);
  INFO(more);
  CHECK(more.find("out of 4 new replicas have been updated...") != std::string::npos);
  CHECK(ends_with(more, std::string("deployment \"web\" successfully rolled out\r\n") + kPrompt));
  CHECK_FALSE(f.term.busy());
}

TEST_CASE("background jobs: &, jobs, Done at the next prompt, kill, fg", "[shell][stream][jobs]") {
  TermFixture f;
  const std::string started = f.type("sleep 10 &");
  CHECK(started == std::string("sleep 10 &\r\n[1] 1847\r\n") + kPrompt);
  CHECK(f.type("jobs") == std::string("jobs\r\n[1]+  Running                 sleep 10 &\r\n") + kPrompt);
  f.run_for(11);
  CHECK(f.type("") == std::string("\r\n[1]+  Done                    sleep 10\r\n") + kPrompt);
  CHECK(f.type("jobs") == std::string("jobs\r\n") + kPrompt);

  // A backgrounded watch keeps printing while the prompt waits; kill ends it.
  f.kubectl({"create", "deployment", "web", "--image=nginx:1.25"});
  f.sb.advance(sim::seconds(30));
  const std::string watch = f.type("kubectl get deploy -w &");
  INFO(watch);
  CHECK(watch.find("[1] 1864\r\nNAME ") != std::string::npos);
  CHECK(ends_with(watch, kPrompt));
  CHECK_FALSE(f.term.busy());
  f.kubectl({"scale", "deployment", "web", "--replicas=2"});
  const std::string more = f.run_for(10);
  INFO(more);
  CHECK(more.find("web   ") != std::string::npos);
  CHECK(ends_with(more, kPrompt));  // the prompt is redrawn under the output
  CHECK(f.type("kill %1") == std::string("kill %1\r\n[1]+  Terminated              kubectl get deploy -w\r\n") + kPrompt);
  CHECK(f.type("kill %1") == std::string("kill %1\r\n-bash: kill: %1: no such job\r\n") + kPrompt);

  // fg brings a job back: the terminal is busy until it ends or Ctrl-C.
  f.type("sleep 100 &");
  CHECK(f.type("fg") == "fg\r\nsleep 100\r\n");
  CHECK(f.term.busy());
  f.screen.clear();
  f.term.input("\x03");
  CHECK(f.screen == std::string("^C\r\n") + kPrompt);
  CHECK(f.type("fg") == std::string("fg\r\n-bash: fg: current: no such job\r\n") + kPrompt);

  // A job that ends at once is reported a prompt later, as bash reaps it.
  CHECK(f.type("echo hi &") == std::string("echo hi &\r\n[1] 1898\r\nhi\r\n") + kPrompt);
  CHECK(f.type("") == std::string("\r\n[1]+  Done                    echo hi\r\n") + kPrompt);
}

TEST_CASE("outside a terminal blocking commands fast-forward and end", "[shell][stream]") {
  Sandbox sb;
  Shell sh(sb);
  sh.run("kubectl create deployment web --image=nginx:1.25 --replicas=2");
  const sim::Time t0 = sb.sim().now();
  CommandResult w = sh.run("kubectl get pods -w");
  INFO(w.output);
  CHECK(w.job == nullptr);
  CHECK(sb.sim().now() - t0 == sim::seconds(60));  // get -w ends after 60 s of virtual time
  CHECK(count(w.output, "NAME") == 1);
  CHECK(count(w.output, "Running") >= 2);
  CHECK(sh.run("kubectl get pods,deploy -w").output == "error: you may only specify a single resource type\n");
  CHECK(sh.run("kubectl get pods nope -w").output == "Error from server (NotFound): pods \"nope\" not found\n");
  // A pipeline never streams, even in a terminal's shell.
  sh.set_interactive(true);
  CommandResult piped = sh.run("kubectl get deploy -w | grep web");
  CHECK(piped.job == nullptr);
  CHECK(piped.output.rfind("web ", 0) == 0);
  // The whole line in a terminal's shell hands its job over.
  CommandResult streamed = sh.run("kubectl get deploy -w");
  REQUIRE(streamed.job != nullptr);
  CHECK(streamed.output.rfind("NAME ", 0) == 0);
  streamed.job->stop();
  CHECK(sh.run("sleep 2 && echo slept").output == "slept\n");
}

TEST_CASE("Tab completes kubectl verbs, types, names, flags and namespaces", "[shell][terminal][complete]") {
  TermFixture f;
  f.kubectl({"create", "deployment", "web", "--image=nginx:1.25"});
  f.kubectl({"create", "namespace", "team-a"});
  f.sb.advance(sim::seconds(30));
  auto tab = [&](const std::string& typed) {
    f.screen.clear();
    f.term.input("\x15" + typed + "\t");
    return f.screen;
  };
  CHECK(tab("kubectl ge").find("kubectl get ") != std::string::npos);
  CHECK(tab("kubectl get deploy").find("kubectl get deployments.apps ") != std::string::npos);
  CHECK(tab("kubectl describe deploy w").find("kubectl describe deploy web ") != std::string::npos);
  CHECK(tab("kubectl delete pod w").find("kubectl delete pod web-") != std::string::npos);
  CHECK(tab("kubectl logs w").find("kubectl logs web-") != std::string::npos);
  CHECK(tab("kubectl get pods -n kube-sy").find("kubectl get pods -n kube-system ") != std::string::npos);
  CHECK(tab("kubectl get pods -n team").find("-n team-a ") != std::string::npos);
  CHECK(tab("kubectl get pods --all-n").find("--all-namespaces ") != std::string::npos);
  CHECK(tab("kubectl get pods -o ya").find("-o yaml ") != std::string::npos);
  CHECK(tab("kubectl rollout st").find("kubectl rollout status ") != std::string::npos);
  const std::string listing = tab("kubectl get pods -n kube-system kube-sch");
  CHECK(listing.find("kube-scheduler-k8s-master ") != std::string::npos);
  const std::string many = tab("kubectl get no");
  CHECK(many.find("namespaces  ") == std::string::npos);
  CHECK(many.find("nodes ") != std::string::npos);
  // As the real kubectl's __complete answers (measured against kubectl v1.32 on serve):
  CHECK(tab("kubectl logs deployments/").find("kubectl logs deployments/web ") != std::string::npos);
  CHECK(tab("kubectl logs d").find("\r\ndaemonsets/  deployments/  \r\n") != std::string::npos);
  CHECK(tab("kubectl get deploy,pods we").find("\r\nweb  web-") != std::string::npos);
  CHECK(tab("kubectl describe deploy web ").find("\r\n") == std::string::npos);  // nothing after a name
  CHECK(tab("kubectl scale --rep").find("kubectl scale --replicas ") != std::string::npos);
  CHECK(tab("kubectl create clusterrole").find("\r\nclusterrole  clusterrolebinding  \r\n") != std::string::npos);
  CHECK(tab("kubectl uncordon k8s-master k8s").find("\r\n") == std::string::npos);
  f.type("\x15touch web.yaml notes.txt");
  CHECK(tab("kubectl apply -f ").find("kubectl apply -f web.yaml ") != std::string::npos);
  const std::string verbs = tab("kubectl c");
  CHECK(verbs.find("certificate  cluster-info  completion  config  cordon  cp  create  ") != std::string::npos);
}

TEST_CASE("a script's background watch prints as time passes; kill ends it", "[shell][stream][jobs]") {
  Sandbox sb;
  Shell sh(sb);  // not interactive: no "[1] PID" lines and no Done notifications, as in a bash script
  sh.run("kubectl create deployment web --image=nginx:1.25");
  sb.advance(sim::seconds(30));
  CHECK(sh.run("kubectl get deploy web -w -o name &").output == "deployment.apps/web\n");
  CHECK(sh.run("jobs").output == "[1]+  Running                 kubectl get deploy web -w -o name &\n");
  const std::string scaled = sh.run("kubectl scale deploy web --replicas=2; sleep 10").output;
  INFO(scaled);
  CHECK(scaled.rfind("deployment.apps/web scaled\ndeployment.apps/web\n", 0) == 0);
  CHECK(sh.run("kill %1; jobs").output == "[1]+  Terminated              kubectl get deploy web -w -o name\n");
  CHECK(sh.run("jobs").output.empty());
  CHECK(sh.run("kill %1").output == "-bash: kill: %1: no such job\n");
  CHECK(sh.run("kill 99999").output == "-bash: kill: (99999) - No such process\n");
  CHECK(sh.run("kill").exit_code == 2);
  // wait runs the background jobs to their end.
  CHECK(sh.run("sleep 5 & wait; echo $?").output == "0\n");
}

TEST_CASE("rollout status --timeout gives up with kubectl's error", "[shell][stream]") {
  Sandbox sb;
  Shell sh(sb);
  sh.run("kubectl create deployment web --image=nginx:1.25 --replicas=2");
  sb.advance(sim::seconds(60));
  sh.run("kubectl set image deploy/web nginx=nginx:1.26");
  const sim::Time t0 = sb.sim().now();
  CommandResult r = sh.run("kubectl rollout status deploy/web --timeout=2s");
  CHECK(r.exit_code == 1);
  CHECK(ends_with(r.output, "error: timed out waiting for the condition\n"));
  CHECK(sb.sim().now() - t0 == sim::seconds(2));
  CHECK(sh.run("kubectl rollout status deploy/web --timeout=x").output ==
        "Error: invalid argument \"x\" for \"--timeout\" flag: time: invalid duration \"x\"\nSee 'kubectl rollout status "
        "--help' for usage.\n");
  CHECK(ends_with(sh.run("kubectl rollout status deploy/web").output, "deployment \"web\" successfully rolled out\n"));
}
