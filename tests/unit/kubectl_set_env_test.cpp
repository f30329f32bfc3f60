// kubectl set env --from/--keys/--prefix/-e/--list/--resolve/--overwrite, with what
// the real kubectl v1.32 printed for the same lines against `kubetab serve`.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

namespace {

struct Env {
  kt::Sandbox sb;
  std::string k(const std::vector<std::string>& args, int want_exit = 0) {
    auto r = kt::kubectl::run(sb, args);
    CHECK(r.exit_code == want_exit);
    return r.output;
  }
  kt::Json env() {
    auto& api = sb.api();
    return (*api.get(*api.registry().find_plural("apps", "deployments"), "kc", "envd"))["spec"]["template"]["spec"]
        ["containers"][0]["env"];
  }
};

}  // namespace

TEST_CASE("kubectl set env --from a configmap or secret, --keys, --prefix, -e", "[kubectl]") {
  Env e;
  e.k({"create", "ns", "kc"});
  e.k({"create", "deployment", "envd", "-n", "kc", "--image=nginx"});
  e.k({"create", "configmap", "envcm", "-n", "kc", "--from-literal=db-host=db", "--from-literal=log.level=debug"});
  e.k({"create", "secret", "generic", "envsec", "-n", "kc", "--from-literal=password=s3cret"});
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "--from=configmap/envcm", "--keys=db-host"}) ==
        "Warning: key db-host transferred to DB_HOST\ndeployment.apps/envd env updated\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "--from=secret/envsec", "--prefix=APP_"}) ==
        "Warning: key password transferred to PASSWORD\ndeployment.apps/envd env updated\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "-e", "A=1", "-e", "B=2", "C=3"}) ==
        "deployment.apps/envd env updated\n");
  CHECK(e.env()[1] == kt::Json::parse(R"({"name":"APP_PASSWORD","valueFrom":{"secretKeyRef":{"key":"password","name":"envsec"}}})"));
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "--list"}) ==
        "# Deployment envd, container nginx\n# DB_HOST from configmap envcm, key db-host\n"
        "# APP_PASSWORD from secret envsec, key password\nA=1\nB=2\nC=3\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "--list", "--resolve"}) ==
        "# Deployment envd, container nginx\nDB_HOST=db\nAPP_PASSWORD=s3cret\nA=1\nB=2\nC=3\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "--from=configmap/nope"}, 1) ==
        "Error from server (NotFound): configmaps \"nope\" not found\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "--from=deployment/envd"}, 1) ==
        "error: unsupported resource specified in --from\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "--keys=a"}, 1) ==
        "error: when specifying --keys, a configmap or secret must be provided with --from\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "A=9", "--overwrite=false"}, 1) ==
        "error: deployments/envd 'A' already has a value (1), and --overwrite is false\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "A=1", "--overwrite=false"}) == "");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "A=1", "A-"}, 1) ==
        "error: can not both modify and remove the same environment variable in the same command\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "-e", "bogus"}, 1) ==
        "error: unknown environment variable: bogus\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "1A=x"}, 1) ==
        "error: \"1A\" is not a valid key name: a valid environment variable name must consist of alphabetic "
        "characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or "
        "'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "A=1", "deployment/other"}, 1) ==
        "error: all resources must be specified before environment changes: deployment/envd A=1 deployment/other\n");
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "B-", "C-", "--prefix=P_", "E=5"}) ==
        "deployment.apps/envd env updated\n");
  CHECK(e.env().size() == 4);
  CHECK(e.env()[3] == kt::Json{{"name", "P_E"}, {"value", "5"}});
  e.k({"delete", "configmap", "envcm", "-n", "kc"});
  CHECK(e.k({"set", "env", "deployment/envd", "-n", "kc", "--list", "--resolve"}) ==
        "# Deployment envd, container nginx\n# DB_HOST from configmap envcm, key db-host\nAPP_PASSWORD=s3cret\n"
        "A=1\nP_E=5\nerror retrieving reference for DB_HOST: configmaps \"envcm\" not found\n");
}
