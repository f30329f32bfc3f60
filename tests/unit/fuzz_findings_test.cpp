// The bugs the fuzz tests (fuzz_manifest_test.cpp, fuzz_shell_test.cpp) found, each
// pinned with what the real kubectl v1.32 printed for the same input.
#include <catch2/catch.hpp>

#include "core/api/json_syntax.h"
#include "core/api/yaml.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

namespace {

kt::CommandResult apply_stdin(kt::Sandbox& sb, const std::string& text, const char* verb = "apply") {
  kt::term::CommandContext ctx;
  ctx.stdin_data = text;
  return kt::kubectl::run(sb, {verb, "-f", "-"}, ctx);
}

}  // namespace

TEST_CASE("fuzz finding: JSON manifests' syntax errors read as Go's scanner words them", "[fuzz]") {
  // Was: nlohmann's "[json.exception.parse_error.101] ..." text.
  using kt::api::go_json_syntax_error;
  CHECK(go_json_syntax_error(R"({"a": x})", 0) == "json: offset 7: invalid character 'x' looking for beginning of value");
  CHECK(go_json_syntax_error(R"({"a" 1})", 0) == "json: offset 6: invalid character '1' after object key");
  CHECK(go_json_syntax_error(R"({"a": 1 "b"})", 0) ==
        "json: offset 9: invalid character '\"' after object key:value pair");
  CHECK(go_json_syntax_error(R"({"a": [1 2]})", 0) == "json: offset 10: invalid character '2' after array element");
  CHECK(go_json_syntax_error(R"({x})", 0) ==
        "json: offset 2: invalid character 'x' looking for beginning of object key string");
  CHECK(go_json_syntax_error(R"({"a": tru})", 0) ==
        "json: offset 10: invalid character '}' in literal true (expecting 'e')");
  CHECK(go_json_syntax_error("{\"a\": \"b\x01\"}", 0) == "json: offset 9: invalid character '\\x01' in string literal");
  CHECK(go_json_syntax_error(R"({"a": 01})", 0) == "json: offset 8: invalid character '1' after object key:value pair");
  CHECK(go_json_syntax_error(R"({"a": 1.})", 0) ==
        "json: offset 9: invalid character '}' after decimal point in numeric literal");
  CHECK(go_json_syntax_error(R"({"a": 1e})", 0) ==
        "json: offset 9: invalid character '}' in exponent of numeric literal");
  CHECK(go_json_syntax_error(R"({"a": "\q"})", 0) == "json: offset 9: invalid character 'q' in string escape code");
  CHECK(go_json_syntax_error(R"({"a": -})", 0) == "json: offset 8: invalid character '}' in numeric literal");
  CHECK(go_json_syntax_error(R"({"a": 'x'})", 0) ==
        "json: offset 7: invalid character '\\'' looking for beginning of value");
  CHECK(go_json_syntax_error(R"({"a": [1, ]})", 0) ==
        "json: offset 11: invalid character ']' looking for beginning of value");
  CHECK(go_json_syntax_error(R"({"a": {"b": 1})", 0) == "unexpected EOF");
  CHECK(go_json_syntax_error(R"({"a": 1})", 0) == "");
  kt::Sandbox sb;
  CHECK(apply_stdin(sb, R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"})").output ==
        "error: error parsing STDIN: unexpected EOF\n");
  CHECK(apply_stdin(sb, R"({"a" 1})").output ==
        "error: error parsing STDIN: json: offset 6: invalid character '1' after object key\n");
}

TEST_CASE("fuzz finding: kind, apiVersion and metadata of the wrong type are kubectl's errors, not crashes",
          "[fuzz]") {
  // Was: nlohmann type_error 302/305 escaping kubectl (kind: null, kind: -1,
  // metadata: "", apiVersion: true).
  kt::Sandbox sb;
  auto r = apply_stdin(sb, "apiVersion: v1\nkind:\nmetadata:\n  name: x\n");
  CHECK(r.exit_code == 1);
  CHECK(r.output ==
        "error: error validating \"STDIN\": error validating data: kind not set; if you choose to ignore these "
        "errors, turn validation off with --validate=false\n");
  CHECK(apply_stdin(sb, "apiVersion: true\nkind: ConfigMap\nmetadata:\n  name: x\n", "create").output ==
        "error: error validating \"STDIN\": error validating data: apiVersion isn't string type; if you choose to "
        "ignore these errors, turn validation off with --validate=false\n");
  CHECK(apply_stdin(sb, "apiVersion: v1\nkind: 5\nmetadata:\n  name: x\n").output ==
        "error: error validating \"STDIN\": error validating data: kind isn't string type; if you choose to ignore "
        "these errors, turn validation off with --validate=false\n");
  CHECK(apply_stdin(sb, "kind: ConfigMap\nmetadata:\n  name: x\n").output ==
        "error: error validating \"STDIN\": error validating data: apiVersion not set; if you choose to ignore these "
        "errors, turn validation off with --validate=false\n");
  CHECK(apply_stdin(sb, "{\"a\": 1}").output ==
        "error: error validating \"STDIN\": error validating data: [apiVersion not set, kind not set]; if you choose "
        "to ignore these errors, turn validation off with --validate=false\n");
  CHECK(apply_stdin(sb, "apiVersion: v1\nkind: ConfigMap\nmetadata: \"\"\n", "create").output ==
        "error: unable to decode \"STDIN\": json: cannot unmarshal string into Go struct field "
        "metadataOnlyObject.metadata of type v1.ObjectMeta\n");
  CHECK(apply_stdin(sb, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 5\n").output ==
        "error: unable to decode \"STDIN\": json: cannot unmarshal number into Go struct field "
        "ObjectMeta.metadata.name of type string\n");
  CHECK(apply_stdin(sb, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: [1]\n").output ==
        "error: unable to decode \"STDIN\": json: cannot unmarshal array into Go struct field "
        "ObjectMeta.metadata.namespace of type string\n");
  CHECK(apply_stdin(sb, "hello\n").output ==
        "error: error validating \"STDIN\": error validating data: invalid object to validate; if you choose to "
        "ignore these errors, turn validation off with --validate=false\n");
}

TEST_CASE("fuzz finding: bytes that are not UTF-8 are read as U+FFFD, as kubectl reads them", "[fuzz]") {
  // Was: nlohmann type_error 316 (invalid UTF-8) escaping `kubectl apply` when it
  // wrote the last-applied-configuration annotation.
  const auto docs = kt::api::parse_yaml_documents("a: \"\xc0x\"\nb: \xff\n");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0]["a"] == "\xef\xbf\xbdx");
  CHECK(docs[0]["b"] == "\xef\xbf\xbd");
  CHECK(kt::api::parse_yaml_documents("{\"a\": \"\xc0\"}")[0]["a"] == "\xef\xbf\xbd");
  kt::Sandbox sb;
  CHECK(apply_stdin(sb, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u8\ndata:\n  a: \"\xc0x\"\n").output ==
        "configmap/u8 created\n");
}
