// Fuzz-style tests of the terminal's command lines (issue 5): valid lines from the
// tutorials' vocabulary, mutated by a seeded generator (random flags, missing flag
// values, unknown resources, odd quoting, unbalanced `$(`, unfinished here-docs,
// stray operators, byte flips), run through the shell. Every case must end without
// a crash or an escaping exception and print no C++ runtime text; a kubectl line
// that fails must say why as kubectl or bash would; the sandbox must still answer
// `kubectl get nodes` afterwards.
#include <catch2/catch.hpp>

#include "tests/unit/fuzz_support.h"
#include "tests/unit/shell_test_util.h"

namespace {

using kt::testing::FuzzRng;

const std::vector<std::string>& base_lines() {
  static const std::vector<std::string> lines = {
      "kubectl get pods -A",
      "kubectl get deploy,svc -n kube-system -o wide",
      "kubectl create deployment web --image=nginx:1.25 --replicas=2",
      "kubectl create namespace fz",
      "kubectl create configmap cfg --from-literal=a=1 --from-literal=b=2",
      "kubectl create secret generic s --from-literal=k=v --dry-run=client -o yaml",
      "kubectl create role r --verb=get,list --resource=pods,deployments.apps",
      "kubectl create clusterrole cr --verb=get --non-resource-url=/logs/*",
      "kubectl create ingress ing --rule=foo.com/bar*=svc:80,tls=sec --class=nginx",
      "kubectl create secret docker-registry reg --docker-username=u --docker-password=p",
      "kubectl create token default",
      "kubectl set env deployment/web A=1 B=2",
      "kubectl set env deployment/web --from=configmap/cfg --prefix=CFG_",
      "kubectl set env deployment/web --list --resolve",
      "kubectl scale deployment web --replicas=3",
      "kubectl expose deployment web --port=80 --target-port=8080",
      "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
      "kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName",
      "kubectl get deploy web -o go-template='{{.spec.replicas}}'",
      "kubectl describe deployment web",
      "kubectl label pods --all tier=fe --overwrite",
      "kubectl annotate deployment web note='a b'",
      "kubectl patch deployment web -p '{\"spec\":{\"replicas\":1}}'",
      "kubectl patch deployment web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]'",
      "kubectl rollout history deployment/web",
      "kubectl run p --image=busybox --restart=Never -- echo hi",
      "kubectl logs p",
      "kubectl delete pod p --now",
      "kubectl top nodes",
      "kubectl api-resources --namespaced=true",
      "kubectl explain pods.spec",
      "kubectl config view --minify",
      "echo $(kubectl get ns -o name | wc -l)",
      "for n in $(kubectl get nodes -o name); do echo $n; done",
      "cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: heredoc\ndata:\n  a: \"1\"\nEOF",
      "cat > /tmp/m.yaml <<'EOF'\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\nEOF\nkubectl apply -f /tmp/m.yaml",
      "kubectl get pods | grep -c Running || true",
      "x=$(kubectl get deploy web -o jsonpath='{.spec.replicas}'); echo \"replicas=$x\"",
      "kubectl get svc kubernetes -o yaml | head -5",
      "kubectl auth can-i get pods",
      "kubectl wait --for=condition=Available deployment/web --timeout=30s",
  };
  return lines;
}

std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t sp = line.find(' ', start);
    if (sp == std::string::npos) sp = line.size();
    out.push_back(line.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string mutate_line(FuzzRng& rng, const std::string& line) {
  static const std::vector<std::string> kWords = {
      "--bogus", "-o", "-n", "--output=", "-o=yaml", "--dry-run=bad", "--replicas=-1", "--replicas=x", "-l", "=",
      "-", "--", "frobs", "pods/", "deployment/", "/x", "--image", "--from=configmap/nope", "--keys=a,,b",
      "--verb=", "--resource=nope.apps", "--rule=bad", "--cert=/nope", "--duration=-1s", "-c", "$(", "${", "`",
      "'", "\"", "<<EOF", "|", "&&", "||", ";", "&", ">", "<", ">>", "2>&1", "((", "))", "{", "}", "!", "*",
      "$((1/0))", "${x:?unset}", "\\", "$'\\x'", "-o=jsonpath={.x[", "-o=go-template={{.x", "--sort-by=.bad["};
  auto words = words_of(line);
  switch (rng.below(8)) {
    case 0:  // a random flag or token inserted
      words.insert(words.begin() + static_cast<std::ptrdiff_t>(rng.below(words.size() + 1)), rng.pick(kWords));
      return join(words);
    case 1:  // a word dropped (a flag loses its value)
      if (words.size() > 1) words.erase(words.begin() + static_cast<std::ptrdiff_t>(1 + rng.below(words.size() - 1)));
      return join(words);
    case 2:  // a word repeated
      words.insert(words.begin() + static_cast<std::ptrdiff_t>(rng.below(words.size())), rng.pick(words));
      return join(words);
    case 3:  // an unknown resource or name
      if (words.size() > 2) words[2] = rng.pick(std::vector<std::string>{"frobnicators", "po/x/y", "deploy.nope", "", "''"});
      return join(words);
    case 4:  // truncated
      return line.substr(0, rng.below(line.size() + 1));
    case 5: {  // a byte flipped (not into a NUL)
      std::string s = line;
      if (s.empty()) return s;
      char& c = s[rng.below(s.size())];
      c ^= static_cast<char>(1 << rng.below(7));
      if (c == '\0') c = '?';
      return s;
    }
    case 6: {  // odd quoting around a word
      static const std::vector<std::string> kQuotes = {"'", "\"", "$(", "`", "${", "\\"};
      const std::size_t i = rng.below(words.size());
      words[i] = rng.pick(kQuotes) + words[i];
      return join(words);
    }
    default: {  // two lines joined with an operator
      static const std::vector<std::string> kOps = {" | ", " && ", " ; ", " || ", " & ", " $(", " <<X "};
      return line + rng.pick(kOps) + rng.pick(base_lines());
    }
  }
}

}  // namespace

TEST_CASE("fuzz: mutated command lines through the shell", "[fuzz]") {
  kt::testing::ShellFixture f;
  FuzzRng rng(1122);
  int failed = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string line = mutate_line(rng, rng.pick(base_lines()));
    kt::CommandResult r;
    const auto before = f.sandbox.sim().now();
    try {
      r = f.shell.run(line);
    } catch (const std::exception& e) {
      FAIL("exception escaped the shell: " << e.what() << "\nline: " << line);
    }
    // The step budget: no line may fast-forward the cluster for more than two hours of
    // virtual time (a command waiting forever would, until ctest's timeout).
    CHECK((f.sandbox.sim().now() - before).us <= 7200LL * 1000000);
    const auto leaked = kt::testing::leaked_exception_lines(r.output);
    if (!leaked.empty()) FAIL("C++ text in the output: " << leaked[0] << "\nline: " << line);
    const bool plain_kubectl = line.rfind("kubectl ", 0) == 0 && line.find_first_of("|;&$`<>'\"\\\n") == std::string::npos;
    if (r.exit_code != 0) {
      ++failed;
      // A command group without its subcommand prints the group's help, as cobra does.
      const bool help = r.output.find("\nUsage:\n") != std::string::npos;
      if (plain_kubectl && !help && !kt::testing::has_error_line(r.output))
        FAIL("a failing kubectl line without an error line:\n" << r.output << "\nline: " << line);
    }
    if (i % 400 == 399) REQUIRE(f.out("kubectl get nodes").find("k8s-master") != std::string::npos);
  }
  CHECK(failed > 400);
  REQUIRE(f.out("kubectl get nodes").find("k8s-master") != std::string::npos);
}
