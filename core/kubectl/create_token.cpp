// `kubectl create token SERVICE_ACCOUNT` as kubectl v1.32 runs it
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_token.go): Validate's checks in
// its order, then a TokenRequest to serviceaccounts/NAME/token (api/token_request.cpp,
// which `kubetab serve` answers too); the token alone is printed, with a newline as
// on a terminal, or the TokenRequest with -o.
#include "core/api/token_request.h"
#include "core/kubectl/create_generators.h"
#include "core/kubectl/output.h"
#include "core/sandbox.h"
#include "core/util/duration.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

// "" or Validate()'s error.
std::string validate(const ParsedArgs& a, std::int64_t duration_ns) {
  if (duration_ns < 0) return "--duration must be greater than or equal to 0";
  if (duration_ns % 1000000000 != 0) return "--duration cannot be expressed in units less than seconds";
  for (const auto& aud : a.list("audience"))
    if (aud.empty()) return "--audience must not be an empty string";
  const std::string kind = a.str("bound-object-kind");
  if (kind.empty()) {
    if (!a.str("bound-object-name").empty()) return "--bound-object-name can only be set if --bound-object-kind is provided";
    if (!a.str("bound-object-uid").empty()) return "--bound-object-uid can only be set if --bound-object-kind is provided";
    return "";
  }
  if (kind != "Node" && kind != "Pod" && kind != "Secret")
    return "supported --bound-object-kind values are Node, Pod, Secret";
  if (a.str("bound-object-name").empty()) return "--bound-object-name is required if --bound-object-kind is provided";
  return "";
}

CommandResult create_token(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const ParsedArgs& a = inv.args;
  std::int64_t duration_ns = 0;
  if (a.has("duration")) {
    try {
      duration_ns = util::parse_go_duration_ns(a.str("duration"));
    } catch (const std::invalid_argument& e) {
      return fail("Error: invalid argument \"" + a.str("duration") + "\" for \"--duration\" flag: " + e.what() +
                  "\nSee 'kubectl " + inv.path + " --help' for usage.\n");
    }
  }
  std::string error;
  const OutputFormat fmt = parse_output(a, false, error);
  if (!error.empty()) return fail(error);
  const std::string e = validate(a, duration_ns);
  if (!e.empty()) return fail("error: " + e + "\n");
  Json spec = Json::object();
  for (const auto& aud : a.list("audience")) spec["audiences"].push_back(aud);
  if (duration_ns > 0) spec["expirationSeconds"] = duration_ns / 1000000000;
  if (!a.str("bound-object-kind").empty()) {
    Json ref = Json::object();
    ref["apiVersion"] = "v1";
    ref["kind"] = a.str("bound-object-kind");
    ref["name"] = a.str("bound-object-name");
    if (!a.str("bound-object-uid").empty()) ref["uid"] = a.str("bound-object-uid");
    spec["boundObjectRef"] = ref;
  }
  Json request = Json::object();
  request["apiVersion"] = "authentication.k8s.io/v1";
  request["kind"] = "TokenRequest";
  request["spec"] = spec;
  Json response;
  try {
    response = api::create_token_request(inv.sb.api(), inv.ns(), name, request);
  } catch (const api::ApiError& ex) {
    return fail("error: failed to create token: " + ex.message() + "\n");
  }
  if (fmt.kind == OutputFormat::Kind::Default) return {response["status"].value("token", std::string()) + "\n", 0};
  std::string out = print_structured(fmt, response, error);
  return {out + error, error.empty() ? 0 : 1};
}

}  // namespace

Command token_generator() {
  std::vector<FlagSpec> f = output_flags();
  f.insert(f.end(), {{"audience", 0, K::StringArray, "[]"},
                     {"duration", 0, K::String, "0s"},
                     {"bound-object-kind", 0, K::String, ""},
                     {"bound-object-name", 0, K::String, ""},
                     {"bound-object-uid", 0, K::String, ""}});
  return {"token", f, create_token, {}};
}

}  // namespace kt::kubectl
