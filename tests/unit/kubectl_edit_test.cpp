// kubectl edit as v1.32 runs it (core/kubectl/edit.cpp): the editor chosen from
// KUBE_EDITOR/EDITOR, run on /tmp/kubectl-edit-<random>.yaml with kubectl's header,
// the strategic merge patch, the messages for no change, invalid objects (the file
// re-opened with the reasons, then kept), editor failures; and the interactive
// editors of the terminal, where kubectl goes on once vi or nano closes.
#include <catch2/catch.hpp>

#include <regex>

#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"
#include "core/terminal/shell.h"
#include "core/terminal/terminal.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;

namespace {

constexpr const char* kHeader =
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
    "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
    "# reopened with the relevant failures.\n"
    "#\n";

struct EditFixture : testing::ShellFixture {
  EditFixture() {
    REQUIRE(code("kubectl create deployment web --image=nginx") == 0);
    // An editor that keeps a copy of what kubectl gave it (and its name).
    REQUIRE(code("printf '#!/bin/bash\\ncp \"$1\" /root/seen\\necho \"$1\" > /root/seen-name\\n' > /root/ed.sh; "
                 "chmod +x /root/ed.sh") == 0);
  }
  std::string replicas() { return out("kubectl get deploy web -o jsonpath='{.spec.replicas}'"); }
};

}  // namespace

TEST_CASE("kubectl edit: a sed editor changes replicas through a strategic merge patch", "[kubectl][edit]") {
  EditFixture f;
  auto r = f.shell.run("KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: 3/'\" kubectl edit deploy web");
  CHECK(r.output == "deployment.apps/web edited\n");
  CHECK(r.exit_code == 0);
  CHECK(f.replicas() == "3");
  // --output-patch shows the patch; TYPE/NAME works; EDITOR is the fallback.
  r = f.shell.run("EDITOR=\"sed -i 's/replicas: 3/replicas: 2/'\" kubectl edit deploy/web --output-patch");
  CHECK(r.output == "Patch: {\"spec\":{\"replicas\":2}}\ndeployment.apps/web edited\n");
  CHECK(f.replicas() == "2");
  // KUBE_EDITOR wins over EDITOR.
  r = f.shell.run("KUBE_EDITOR=true EDITOR=\"sed -i 's/replicas: 2/replicas: 5/'\" kubectl edit deploy web");
  CHECK(r.output == "Edit cancelled, no changes made.\n");
  CHECK(r.exit_code == 0);
  CHECK(f.replicas() == "2");
}

TEST_CASE("kubectl edit: the file, its header and its name", "[kubectl][edit]") {
  EditFixture f;
  auto r = f.shell.run("KUBE_EDITOR=/root/ed.sh kubectl edit deploy web");
  CHECK(r.output == "Edit cancelled, no changes made.\n");
  const std::string seen = f.out("cat /root/seen");
  CHECK(seen.rfind(std::string(kHeader) + "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n", 0) == 0);
  CHECK(seen.find("managedFields") == std::string::npos);
  CHECK(std::regex_match(f.out("cat /root/seen-name"), std::regex("/tmp/kubectl-edit-[0-9]+\\.yaml\n")));
  // The file is gone once nothing is left to keep.
  CHECK(f.out("ls /tmp | grep -c kubectl-edit") == "0\n");
  // -o json: a .json file without the header; the result printed as JSON.
  r = f.shell.run("KUBE_EDITOR=/root/ed.sh kubectl edit deploy web -o json");
  CHECK(f.out("head -c 1 /root/seen") == "{");
  CHECK(std::regex_match(f.out("cat /root/seen-name"), std::regex("/tmp/kubectl-edit-[0-9]+\\.json\n")));
  r = f.shell.run("KUBE_EDITOR=\"sed -i 's/\\\"replicas\\\": 1,/\\\"replicas\\\": 4,/'\" kubectl edit deploy web -o json");
  CHECK(r.output.rfind("{\n    \"apiVersion\": \"apps/v1\",\n    \"kind\": \"Deployment\",", 0) == 0);
  CHECK(f.replicas() == "4");
  CHECK(f.out("kubectl edit deploy web -o name") ==
        "error: unable to match a printer suitable for the output format \"name\", allowed formats are: json,yaml\n");
}

TEST_CASE("kubectl edit: several objects are one List; unchanged ones are skipped", "[kubectl][edit]") {
  EditFixture f;
  auto r = f.shell.run("KUBE_EDITOR=/root/ed.sh kubectl edit deploy/web svc/kubernetes");
  CHECK(r.output == "Edit cancelled, no changes made.\n");
  const std::string seen = f.out("cat /root/seen");
  CHECK(seen.find("apiVersion: v1\nitems:\n- apiVersion: apps/v1\n") != std::string::npos);
  CHECK(seen.find("\nkind: List\nmetadata: {}\n") != std::string::npos);
  r = f.shell.run("KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: 2/'\" kubectl edit deploy/web svc/kubernetes");
  CHECK(r.output == "deployment.apps/web edited\nservice/kubernetes skipped\n");
  // TYPE alone edits every object of the type in the namespace.
  r = f.shell.run("KUBE_EDITOR=/root/ed.sh kubectl edit deploy -n kube-system");
  CHECK(f.out("grep -c '^  name: coredns' /root/seen") == "1\n");
}

TEST_CASE("kubectl edit: invalid values re-open the file with the reasons, then keep it", "[kubectl][edit]") {
  EditFixture f;
  auto r = f.shell.run("KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: -1/'\" kubectl edit deploy web");
  INFO(r.output);
  std::smatch m;
  REQUIRE(std::regex_match(r.output, m,
                           std::regex("error: deployments.apps \"web\" is invalid\n"
                                      "A copy of your changes has been stored to \"(/tmp/kubectl-edit-[0-9]+\\.yaml)\"\n"
                                      "error: Edit cancelled, no valid changes were saved.\n")));
  CHECK(r.exit_code == 1);
  const std::string kept = f.out("cat " + m[1].str());
  CHECK(kept.rfind(std::string(kHeader) +
                       "# deployments.apps \"web\" was not valid:\n"
                       "# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n",
                   0) == 0);
  CHECK(kept.find("  replicas: -1\n") != std::string::npos);
  CHECK(f.replicas() == "1");
  // An empty file fails the client-side check the same way.
  REQUIRE(f.code("printf '#!/bin/bash\\n: > \"$1\"\\n' > /root/empty.sh; chmod +x /root/empty.sh") == 0);
  r = f.shell.run("KUBE_EDITOR=/root/empty.sh kubectl edit deploy web");
  CHECK(r.output.rfind("error: deployments.apps \"web\" is invalid\nA copy of your changes", 0) == 0);
  // Changing the name is refused.
  r = f.shell.run("KUBE_EDITOR=\"sed -i 's/^  name: web/  name: web2/'\" kubectl edit deploy web");
  CHECK(std::regex_match(r.output, std::regex("A copy of your changes has been stored to \"/tmp/kubectl-edit-[0-9]+\\.yaml\"\n"
                                              "error: At least one of apiVersion, kind and name was changed\n")));
}

TEST_CASE("kubectl edit: the errors before and around the editor", "[kubectl][edit]") {
  EditFixture f;
  CHECK(f.out("kubectl edit") ==
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications "
        "include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
  CHECK(f.out("kubectl edit deploy nope") == "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  CHECK(f.out("kubectl edit nosuch x") == "error: the server doesn't have a resource type \"nosuch\"\n");
  CHECK(f.out("KUBE_EDITOR=nonexist kubectl edit deploy/web") == "error: unable to launch the editor \"nonexist\"\n");
  CHECK(f.out("KUBE_EDITOR='nonexist -x' kubectl edit deploy/web") == "error: unable to launch the editor \"nonexist -x\"\n");
  CHECK(f.out("KUBE_EDITOR=false kubectl edit deploy/web") == "error: there was a problem with the editor \"false\"\n");
  CHECK(f.out("KUBE_EDITOR=\"sed -i 's/x/y/' nonexist\" kubectl edit deploy/web") ==
        "sed: can't read nonexist: No such file or directory\n"
        "error: there was a problem with the editor \"/bin/bash -c sed -i 's/x/y/' nonexist\"\n");
  // Outside a terminal vi cannot open.
  auto r = f.shell.run("kubectl edit deploy web");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("error: there was a problem with the editor \"vi\"\n") != std::string::npos);
}

TEST_CASE("kubectl edit: --save-config, --record and -f", "[kubectl][edit]") {
  EditFixture f;
  auto r = f.shell.run("KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: 2/'\" kubectl edit deploy web --save-config --record");
  CHECK(r.output == "Flag --record has been deprecated, --record will be removed in the future\ndeployment.apps/web edited\n");
  CHECK(f.out("kubectl get deploy web -o jsonpath='{.metadata.annotations.kubernetes\\.io/change-cause}'") ==
        "kubectl edit deploy web --record=true --save-config=true");
  CHECK(f.out("kubectl get deploy web -o yaml | grep -c last-applied-configuration") == "1\n");
  REQUIRE(f.code("kubectl get deploy web -o yaml > web.yaml") == 0);
  r = f.shell.run("KUBE_EDITOR=\"sed -i 's/replicas: 2/replicas: 3/'\" kubectl edit -f web.yaml");
  CHECK(r.output == "deployment.apps/web edited\n");
  CHECK(f.replicas() == "3");
}

TEST_CASE("kubectl edit: a conflict (a stale resourceVersion) keeps the file and suggests replace", "[kubectl][edit]") {
  EditFixture f;
  auto r = f.shell.run(
      "KUBE_EDITOR=\"sed -i 's/resourceVersion: \\\"[0-9]*\\\"/resourceVersion: \\\"7\\\"/; s/replicas: 1/replicas: 2/'\" "
      "kubectl edit deploy web");
  INFO(r.output);
  std::smatch m;
  REQUIRE(std::regex_match(
      r.output, m,
      std::regex("error: deployments.apps \"web\" could not be patched: Operation cannot be fulfilled on deployments.apps "
                 "\"web\": the object has been modified; please apply your changes to the latest version and try again\n"
                 "You can run `kubectl replace -f (/tmp/kubectl-edit-[0-9]+\\.yaml)` to try this update again.\n")));
  CHECK(r.exit_code == 1);
  CHECK(f.out("grep -c 'replicas: 2' " + m[1].str()) == "1\n");
  CHECK(f.replicas() == "1");
}

TEST_CASE("kubectl edit: an editor that never settles on a valid edit is stopped", "[kubectl][edit]") {
  EditFixture f;
  // Each pass adds a "!" to a label value: always a change, never valid.
  auto r = f.shell.run("KUBE_EDITOR=\"sed -i 's/^    app: web!*/&!/'\" kubectl edit deploy web");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("error: kubectl edit gave up after 20 invalid edits in a row") != std::string::npos);
  CHECK(f.out("kubectl get deploy web -o jsonpath='{.metadata.labels.app}'") == "web");
}

TEST_CASE("kubectl edit --subresource=status patches the status only", "[kubectl][edit]") {
  EditFixture f;
  auto r = f.shell.run("KUBE_EDITOR=\"sed -i 's/^  replicas: 1/  replicas: 7/'\" kubectl edit deploy web --subresource=status");
  CHECK(r.output == "deployment.apps/web edited\n");
  CHECK(f.replicas() == "1");  // spec is not part of the status subresource
  CHECK(f.out("KUBE_EDITOR=true kubectl edit deploy web --subresource=bogus") ==
        "Error from server (NotFound): the server could not find the requested resource\n");
}

namespace {

struct TermFixture {
  Sandbox sb;
  std::string screen;
  Terminal term{sb, [this](std::string_view s) { screen += s; }};
  TermFixture() {
    term.start();
    type("kubectl create deployment web --image=nginx");
  }
  std::string type(const std::string& line) {
    screen.clear();
    term.input(line + "\r");
    return screen;
  }
};

constexpr const char* kPrompt = "[root@k8s-master ~]# ";

}  // namespace

TEST_CASE("kubectl edit in the terminal: vi opens, kubectl goes on when it closes", "[kubectl][edit][terminal]") {
  TermFixture f;
  std::string s = f.type("kubectl edit deploy web");
  CHECK(s.find("\x1b[?1049h") != std::string::npos);
  CHECK(s.find("# Please edit the object below.") != std::string::npos);
  CHECK(s.find(kPrompt) == std::string::npos);
  f.screen.clear();
  f.term.input("/replicas: 1\r");
  f.term.input("A\x7f" "3\x1b");
  f.term.input(":wq\r");
  CHECK(f.screen.find(std::string("\x1b[?1049ldeployment.apps/web edited\r\n") + kPrompt) != std::string::npos);
  CHECK(f.type("kubectl get deploy web -o jsonpath='{.spec.replicas}'; echo") ==
        "kubectl get deploy web -o jsonpath='{.spec.replicas}'; echo\r\n3\r\n" + std::string(kPrompt));
  // :q without a change: nothing to do.
  f.type("kubectl edit deploy web");
  f.screen.clear();
  f.term.input(":q\r");
  CHECK(f.screen == std::string("\x1b[?1049lEdit cancelled, no changes made.\r\n") + kPrompt);
}

TEST_CASE("kubectl edit in the terminal: an invalid edit re-opens vi with the reasons", "[kubectl][edit][terminal]") {
  TermFixture f;
  f.type("kubectl edit deploy web");
  f.term.input("/replicas: 1\r");
  f.term.input("A\x7f-1\x1b");
  f.screen.clear();
  f.term.input(":wq\r");
  INFO(f.screen);
  CHECK(f.screen.find("\x1b[?1049lerror: deployments.apps \"web\" is invalid\r\n\x1b[?1049h") != std::string::npos);
  CHECK(f.screen.find("# deployments.apps \"web\" was not valid:") != std::string::npos);
  CHECK(f.screen.find(kPrompt) == std::string::npos);
  f.screen.clear();
  f.term.input(":q\r");  // closed unchanged: kubectl gives up and keeps the file
  CHECK(std::regex_match(f.screen, std::regex("\x1b\\[\\?1049lA copy of your changes has been stored to "
                                              "\"/tmp/kubectl-edit-[0-9]+\\.yaml\"\r\n"
                                              "error: Edit cancelled, no valid changes were saved.\r\n\\[root@k8s-master ~\\]# ")));
  CHECK(f.type("echo $?") == "echo $?\r\n1\r\n" + std::string(kPrompt));
}

TEST_CASE("kubectl edit in the terminal with EDITOR=nano", "[kubectl][edit][terminal]") {
  TermFixture f;
  std::string s = f.type("EDITOR=nano kubectl edit deploy web");
  CHECK(s.find("GNU nano 7.2") != std::string::npos);
  CHECK(std::regex_search(s, std::regex("/tmp/kubectl-edit-[0-9]+\\.yaml")));
  f.term.input("\x17replicas: 1\r");  // ^W search
  f.term.input("\x05\x7f" "4");       // ^E end of line, Backspace, 4
  f.screen.clear();
  f.term.input("\x18");  // ^X
  CHECK(f.screen.find("Save modified buffer?") != std::string::npos);
  f.term.input("y");
  CHECK(f.screen.find("File Name to Write: /tmp/kubectl-edit-") != std::string::npos);
  f.screen.clear();
  f.term.input("\r");
  CHECK(f.screen == std::string("\x1b[?1049ldeployment.apps/web edited\r\n") + kPrompt);
}

TEST_CASE("kubectl edit in the terminal: a change made meanwhile survives (the patch holds only the edit)",
          "[kubectl][edit][terminal]") {
  TermFixture f;
  f.type("kubectl edit deploy web");
  // While vi is open, someone else scales the deployment.
  REQUIRE(kubectl::run(f.sb, {"scale", "deployment", "web", "--replicas=5"}).exit_code == 0);
  f.term.input("/image: nginx\r");
  f.term.input("A:1.27\x1b");
  f.screen.clear();
  f.term.input(":wq\r");
  CHECK(f.screen == std::string("\x1b[?1049ldeployment.apps/web edited\r\n") + kPrompt);
  CHECK(f.type("kubectl get deploy web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}'; echo") ==
        "kubectl get deploy web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}'; echo\r\n"
        "5 nginx:1.27\r\n" + std::string(kPrompt));
}
