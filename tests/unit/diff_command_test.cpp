// The shell's GNU diff (core/terminal/diff.cpp) and `kubectl diff` on top of it, with
// the temp directories' names and the file times normalised (the real ones are random
// and wall-clock).
#include <catch2/catch.hpp>

#include <regex>

#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

// "/tmp/LIVE-123/x\t2026-..." → "TMP/x"
std::string normalised(const std::string& s) {
  std::string out = std::regex_replace(s, std::regex("/tmp/(LIVE|MERGED)-[0-9]+"), "TMP");
  return std::regex_replace(out, std::regex("\t[0-9-]+ [0-9:.]+ \\+0000"), "");
}

}  // namespace

TEST_CASE("diff prints GNU's normal and unified formats with its exit statuses", "[terminal][diff]") {
  ShellFixture f;
  f.out("printf 'a\\nb\\nc\\n' > d1; printf 'a\\nB\\nc\\nd' > d2; printf 'a\\nb\\nc\\n' > same");
  CHECK(f.out("diff d1 same; echo $?") == "0\n");
  CHECK(f.out("diff d1 d2; echo $?") == "2c2\n< b\n---\n> B\n3a4\n> d\n\\ No newline at end of file\n1\n");
  CHECK(normalised(f.out("diff -u d1 d2")) ==
        "--- d1\n+++ d2\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n\\ No newline at end of file\n");
  // -N: a missing file is empty, dated the epoch.
  CHECK(f.out("diff -u -N d1 none | head -2 | tail -1") == "+++ none\t1970-01-01 00:00:00.000000000 +0000\n");
  CHECK(f.out("diff -u -N d1 none | tail -4") == "@@ -1,3 +0,0 @@\n-a\n-b\n-c\n");
  CHECK(f.out("diff d1 none; echo $?") == "diff: none: No such file or directory\n2\n");
  CHECK(f.out("diff; echo $?") == "diff: missing operand after 'diff'\ndiff: Try 'diff --help' for more information.\n2\n");
  CHECK(f.out("diff -x d1 d2; echo $?") ==
        "diff: invalid option -- 'x'\ndiff: Try 'diff --help' for more information.\n2\n");
}

TEST_CASE("diff keeps hunks apart when more than twice the context lies between changes", "[terminal][diff]") {
  ShellFixture f;
  f.out("seq 1 20 > a; seq 1 20 | sed -e 's/^2$/two/' -e 's/^18$/eighteen/' > b");
  CHECK(f.out("diff -u a b | tail -n +3") ==
        "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
  CHECK(f.out("diff -U 1 a b | tail -n +3") == "@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n@@ -17,3 +17,3 @@\n 17\n-18\n+eighteen\n 19\n");
}

TEST_CASE("diff on directories: files one level down, Only in, -N and -r", "[terminal][diff]") {
  ShellFixture f;
  f.out("mkdir -p A/s B/s; echo x > A/f; echo y > B/f; echo only > A/g; echo deep > A/s/h");
  CHECK(normalised(f.out("diff -u A B; echo $?")) ==
        "diff -u A/f B/f\n--- A/f\n+++ B/f\n@@ -1 +1 @@\n-x\n+y\nOnly in A: g\nCommon subdirectories: A/s and B/s\n1\n");
  CHECK(normalised(f.out("diff -u -N -r A B")) ==
        "diff -u -N -r A/f B/f\n--- A/f\n+++ B/f\n@@ -1 +1 @@\n-x\n+y\n"
        "diff -u -N -r A/g B/g\n--- A/g\n+++ B/g\n@@ -1 +0,0 @@\n-only\n"
        "diff -u -N -r A/s/h B/s/h\n--- A/s/h\n+++ B/s/h\n@@ -1 +0,0 @@\n-deep\n");
}

TEST_CASE("kubectl diff compares the live object with the dry-run result", "[kubectl][diff]") {
  ShellFixture f;
  f.out(R"(echo '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d1"},"data":{"a":"1"}}' > cm.json)");
  // A new object: an empty LIVE file against the dry-run create.
  std::string out = normalised(f.out("kubectl diff -f cm.json"));
  CHECK(out.rfind("diff -u -N TMP/v1.ConfigMap.default.d1 TMP/v1.ConfigMap.default.d1\n--- TMP/v1.ConfigMap.default.d1\n"
                  "+++ TMP/v1.ConfigMap.default.d1\n@@ -0,0 +1,",
                  0) == 0);
  CHECK(out.find("+  name: d1\n") != std::string::npos);
  CHECK(f.code("kubectl diff -f cm.json") == 1);
  CHECK(f.out("kubectl get cm d1 2>&1") == "Error from server (NotFound): configmaps \"d1\" not found\n");
  CHECK(f.out("ls /tmp | grep -c -e LIVE -e MERGED") == "0\n");  // the temp directories are gone

  f.out("kubectl apply -f cm.json");
  CHECK(f.out("kubectl diff -f cm.json; echo $?") == "0\n");
  f.out(R"(echo '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d1"},"data":{"a":"2"}}' > cm.json)");
  out = normalised(f.out("kubectl diff -f cm.json"));
  CHECK(out.find("@@\n apiVersion: v1\n data:\n-  a: \"1\"\n+  a: \"2\"\n kind: ConfigMap\n") != std::string::npos);
  CHECK(f.out("kubectl get cm d1 -o jsonpath='{.data.a}'") == "1");  // a dry run

  // Secrets: values masked, with before/after marks where they change.
  f.out("kubectl create secret generic s --from-literal=k=v --from-literal=same=x");
  f.out(R"(echo '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"k":"w","same":"x"}}' > s.json)");
  out = normalised(f.out("kubectl diff -f s.json"));
  CHECK(out.find("-  k: '*** (before)'\n+  k: '*** (after)'\n   same: '***'\n") != std::string::npos);

  CHECK(f.out("kubectl diff; echo $?") == "error: must specify one of -f and -k\n2\n");
  CHECK(f.out("KUBECTL_EXTERNAL_DIFF='nodiff -u' kubectl diff -f cm.json; echo $?") ==
        "error: failed to run \"nodiff\": exec: \"nodiff\": executable file not found in $PATH\n2\n");
  CHECK(f.out("KUBECTL_EXTERNAL_DIFF='diff -q' kubectl diff -f cm.json | sed -E 's#/tmp/(LIVE|MERGED)-[0-9]+#T#g'") ==
        "Files T/v1.ConfigMap.default.d1 and T/v1.ConfigMap.default.d1 differ\n");
}
