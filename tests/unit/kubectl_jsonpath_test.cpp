// kubectl's JSONPath (client-go util/jsonpath) and the value printing it shares with
// custom-columns, against what kubectl v1.32.5 prints.
#include <catch2/catch.hpp>

#include "core/kubectl/go_template.h"
#include "core/kubectl/jsonpath.h"

namespace {

using kt::Json;
using kt::kubectl::JsonPath;

const Json kList = Json::parse(R"({"kind": "List", "items": [
  {"metadata": {"name": "a", "labels": {"app": "web"}}, "spec": {"replicas": 2, "ratio": 0.5},
   "status": {"phase": "Running", "addresses": [{"type": "InternalIP", "address": "10.0.0.1"}, {"type": "Hostname", "address": "a"}]}},
  {"metadata": {"name": "b"}, "spec": {"replicas": 3}, "status": {"phase": "Pending", "addresses": []}},
  {"metadata": {"name": "c", "labels": {"app": "db", "x.io/y": "z"}}, "spec": {"replicas": 1}, "status": {"phase": "Running"}}
]})");

std::string run(const std::string& t, const Json& data = kList) { return JsonPath(t).execute(data); }

}  // namespace

TEST_CASE("jsonpath: fields, wildcards, indices and slices", "[kubectl]") {
  CHECK(run("{.items[*].metadata.name}") == "a b c");
  CHECK(run("{.items[0].metadata.name}") == "a");
  CHECK(run("{.items[-1].metadata.name}") == "c");
  CHECK(run("{.items[0:2].metadata.name}") == "a b");
  CHECK(run("{.items[::2].metadata.name}") == "a c");
  CHECK(run("{.items[*].spec.replicas}") == "2 3 1");
  CHECK(run("{.items[0].spec.ratio}") == "0.5");
  CHECK(run("{.kind}: {.items[1].metadata.name}") == "List: b");
  CHECK(run("{.items[0].metadata.labels}") == R"({"app":"web"})");
  CHECK(run("{.items[2].metadata.labels.x\\.io/y}") == "z");
  CHECK(run("{.items[2].metadata.labels['x.io/y']}") == "z");
  CHECK(run("{.items[0].status.addresses[*]['type','address']}") == "InternalIP Hostname 10.0.0.1 a");
  CHECK(run("{.nothing.here}") == "");
  CHECK(run("{$.kind}") == "List");
}

TEST_CASE("jsonpath: range, filters, literals, recursive descent", "[kubectl]") {
  CHECK(run(R"({range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end})") == "a\tRunning\nb\tPending\nc\tRunning\n");
  CHECK(run(R"({.items[?(@.status.phase=="Running")].metadata.name})") == "a c");
  CHECK(run(R"({.items[?(@.spec.replicas>1)].metadata.name})") == "a b");
  CHECK(run(R"({.items[?(@.metadata.labels)].metadata.name})") == "a c");
  CHECK(run(R"({.items[0].status.addresses[?(@.type=="InternalIP")].address})") == "10.0.0.1");
  CHECK(run("{..phase}") == "Running Pending Running");
}

TEST_CASE("jsonpath: errors with client-go's text", "[kubectl]") {
  CHECK_THROWS_WITH(JsonPath("{.items[*]"), "unclosed action");
  CHECK_THROWS_WITH(run("{.items[5]}"), "array index out of bounds: index 5, length 3");
  CHECK_THROWS_WITH(JsonPath("{.a[x]}"), "invalid array index x");
  CHECK_THROWS_WITH(run("{.kind[0]}"), "string is not array or slice");
  JsonPath strict("{.nope}");
  strict.allow_missing_keys(false);
  CHECK_THROWS_WITH(strict.execute(kList), "nope is not found");
}

TEST_CASE("jsonpath: relaxed expressions and Go's printing of values", "[kubectl]") {
  CHECK(kt::kubectl::relaxed_jsonpath(".metadata.name") == "{.metadata.name}");
  CHECK(kt::kubectl::relaxed_jsonpath("metadata.name") == "{.metadata.name}");
  CHECK(kt::kubectl::relaxed_jsonpath("{.metadata.name}") == "{.metadata.name}");
  CHECK(kt::kubectl::go_sprint(Json::parse(R"({"b": 2, "a": "x"})")) == "map[a:x b:2]");
  CHECK(kt::kubectl::go_sprint(Json::parse(R"(["a", 1, true])")) == "[a 1 true]");
  CHECK(kt::kubectl::go_sharp_v(Json::parse(R"({"a": [1, "x\n"], "b": null, "c": {"d": true}})")) ==
        R"(map[string]interface {}{"a":[]interface {}{1, "x\n"}, "b":interface {}(nil), "c":map[string]interface {}{"d":true}})");
  CHECK(kt::kubectl::go_json_compact(Json::parse(R"({"a": "<b>", "c": [1, 2]})")) == R"({"a":"\u003cb\u003e","c":[1,2]})");
}

TEST_CASE("go-template: fields, range, index, if/else, pipes", "[kubectl]") {
  using kt::kubectl::execute_go_template;
  CHECK(execute_go_template(R"({{range .items}}{{.metadata.name}}{{"\n"}}{{end}})", kList) == "a\nb\nc\n");
  CHECK(execute_go_template(R"({{range .items}}{{index .metadata "name"}} {{end}})", kList) == "a b c ");
  CHECK(execute_go_template("{{range .items}}{{if .metadata.labels}}{{.metadata.name}}{{else}}-{{end}}{{end}}", kList) ==
        "a-c");
  CHECK(execute_go_template("{{.kind}} {{.nope}} {{len .items}}", kList) == "List <no value> 3");
  CHECK(execute_go_template("{{.items}}", Json::parse(R"({"items": {"k": "d29ybGQ="}})")) == "map[k:d29ybGQ=]");
  CHECK(execute_go_template("{{.k | base64decode}}", Json::parse(R"({"k": "d29ybGQ="})")) == "world");
  CHECK(execute_go_template("{{- .k -}}  \n", Json::parse(R"({"k": "v"})")) == "v");
  CHECK_THROWS_AS(execute_go_template("{{frob .k}}", kList), kt::kubectl::GoTemplateError);
  CHECK(execute_go_template(R"({{range $k, $v := .items}}{{$k}}={{$v}};{{end}})", Json::parse(R"({"items": {"b": "2", "a": "1"}})")) ==
        "a=1;b=2;");
  CHECK(execute_go_template(R"({{range $i, $e := .items}}{{$i}}:{{$e.metadata.name}} {{end}})", kList) == "0:a 1:b 2:c ");
  CHECK(execute_go_template(R"({{range .items}}{{$.kind}}{{end}})", kList) == "ListListList");
}
