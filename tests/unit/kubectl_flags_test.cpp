// kubectl's flag grammar (pflag): positions, spellings, grouped shorthands, `--`, and
// pflag's error texts as the real kubectl v1.32.5 prints them after "Error: ".
#include <catch2/catch.hpp>

#include "core/kubectl/flags.h"
#include "core/kubectl/resource_args.h"

namespace {

using kt::kubectl::FlagSpec;
using kt::kubectl::parse_args;
using K = FlagSpec::Kind;

const std::vector<FlagSpec> kSpecs = {{"output", 'o', K::String, ""},
                                      {"all-namespaces", 'A', K::Bool, "false"},
                                      {"watch", 'w', K::Bool, "false"},
                                      {"label-columns", 'L', K::StringList, "[]"},
                                      {"replicas", 0, K::Int, "0"},
                                      {"sort-by", 0, K::String, ""},
                                      {"dry-run", 0, K::String, "none", "unchanged"}};

}  // namespace

TEST_CASE("flags: anywhere, --f=v, --f v, -fv, -f=v, -f v", "[kubectl]") {
  auto p = parse_args({"-owide", "pods", "--sort-by", ".metadata.name", "x", "-n=kt"}, kSpecs);
  CHECK(p.error.empty());
  CHECK(p.positional == std::vector<std::string>{"pods", "x"});
  CHECK(p.str("output") == "wide");
  CHECK(p.str("sort-by") == ".metadata.name");
  CHECK(p.str("namespace") == "kt");
  CHECK(parse_args({"-o", "yaml"}, kSpecs).str("output") == "yaml");
  CHECK(parse_args({"-o=json"}, kSpecs).str("output") == "json");
  CHECK(parse_args({"--output=name", "--output", "yaml"}, kSpecs).str("output") == "yaml");  // the last one wins
}

TEST_CASE("flags: grouped booleans, explicit bool values, lists, --", "[kubectl]") {
  auto p = parse_args({"-Aw", "-L", "app,tier", "-L", "env", "--", "-x", "y"}, kSpecs);
  CHECK(p.flag("all-namespaces"));
  CHECK(p.flag("watch"));
  CHECK(p.list("label-columns") == std::vector<std::string>{"app", "tier", "env"});
  CHECK(p.after_dash == std::vector<std::string>{"-x", "y"});
  CHECK_FALSE(parse_args({"--all-namespaces=false"}, kSpecs).flag("all-namespaces", true));
  CHECK(parse_args({"--dry-run", "pods"}, kSpecs).str("dry-run") == "unchanged");
  CHECK(parse_args({"--dry-run", "pods"}, kSpecs).positional == std::vector<std::string>{"pods"});
  CHECK(parse_args({"-"}, kSpecs).positional == std::vector<std::string>{"-"});
}

TEST_CASE("flags: pflag's errors", "[kubectl]") {
  CHECK(parse_args({"pods", "--bogus"}, kSpecs).error == "unknown flag: --bogus");
  CHECK(parse_args({"--bogus=1"}, kSpecs).error == "unknown flag: --bogus");
  CHECK(parse_args({"-z"}, kSpecs).error == "unknown shorthand flag: 'z' in -z");
  CHECK(parse_args({"-Az"}, kSpecs).error == "unknown shorthand flag: 'z' in -Az");
  CHECK(parse_args({"pods", "-o"}, kSpecs).error == "flag needs an argument: 'o' in -o");
  CHECK(parse_args({"--sort-by"}, kSpecs).error == "flag needs an argument: --sort-by");
  CHECK(parse_args({"--replicas=x"}, kSpecs).error ==
        "invalid argument \"x\" for \"--replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax");
  CHECK(parse_args({"-A=maybe"}, kSpecs).error ==
        "invalid argument \"maybe\" for \"-A, --all-namespaces\" flag: strconv.ParseBool: parsing \"maybe\": invalid "
        "syntax");
}

TEST_CASE("resource arguments: TYPE NAME..., TYPE/NAME, lists, short names, all", "[kubectl]") {
  const auto& reg = kt::api::ResourceRegistry::builtin();
  auto r = kt::kubectl::resolve_resource_args(reg, {"po,svc", "a", "b"});
  REQUIRE(r.error.empty());
  REQUIRE(r.refs.size() == 4);
  CHECK(r.refs[0].res->plural == "pods");
  CHECK(r.refs[1].name == "b");
  CHECK(r.refs[2].res->plural == "services");
  r = kt::kubectl::resolve_resource_args(reg, {"deploy/web", "cm/x"});
  REQUIRE(r.refs.size() == 2);
  CHECK(kt::kubectl::kind_name(*r.refs[0].res, r.refs[0].name) == "deployment.apps/web");
  CHECK(kt::kubectl::kind_name(*r.refs[1].res, r.refs[1].name) == "configmap/x");
  CHECK(kt::kubectl::resolve_resource_args(reg, {"flux"}).error ==
        "error: the server doesn't have a resource type \"flux\"\n");
  CHECK(kt::kubectl::resolve_resource_args(reg, {"pod/a", "b"}).error.rfind(
            "error: there is no need to specify a resource type as a separate argument", 0) == 0);
  r = kt::kubectl::resolve_resource_args(reg, {"all"});
  REQUIRE_FALSE(r.refs.empty());
  CHECK(r.refs[0].res->plural == "pods");
}
