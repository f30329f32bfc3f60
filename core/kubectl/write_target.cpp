// What the writing commands share: where a manifest's object goes, --validate,
// the server's warnings.
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/sandbox_hint.h"
#include "core/sandbox.h"

namespace kt::kubectl {

namespace {

// How encoding/json names a JSON value's type in "cannot unmarshal X into ...".
std::string json_type(const Json& v) {
  if (v.is_string()) return "string";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "bool";
  if (v.is_array()) return "array";
  return "object";
}

// kubectl's client-side checks of a manifest object before it maps it: the schema
// validator's "apiVersion not set" / "kind isn't string type" (all of them, as a
// list when more than one), then the decoding of its metadata. "" or the error line.
std::string manifest_error(const Json& obj, const std::string& source) {
  std::vector<std::string> errs;
  for (const char* f : {"apiVersion", "kind"}) {
    if (!obj.contains(f) || obj[f].is_null() || (obj[f].is_string() && obj[f].get<std::string>().empty()))
      errs.push_back(std::string(f) + " not set");
    else if (!obj[f].is_string())
      errs.push_back(std::string(f) + " isn't string type");
  }
  if (!errs.empty()) {
    std::string text = errs.size() == 1 ? errs[0] : "[" + errs[0] + ", " + errs[1] + "]";
    return "error: error validating \"" + source + "\": error validating data: " + text +
           "; if you choose to ignore these errors, turn validation off with --validate=false\n";
  }
  const std::string prefix = "error: unable to decode \"" + source + "\": json: cannot unmarshal ";
  if (!obj.contains("metadata") || obj["metadata"].is_null()) return "";
  const Json& m = obj["metadata"];
  if (!m.is_object())
    return prefix + json_type(m) + " into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\n";
  for (const char* f : {"name", "generateName", "namespace", "uid", "resourceVersion"})
    if (m.contains(f) && !m[f].is_null() && !m[f].is_string())
      return prefix + json_type(m[f]) + " into Go struct field ObjectMeta.metadata." + f + " of type string\n";
  for (const char* f : {"labels", "annotations"}) {
    if (!m.contains(f) || m[f].is_null()) continue;
    if (!m[f].is_object())
      return prefix + json_type(m[f]) + " into Go struct field ObjectMeta.metadata." + f +
             " of type map[string]string\n";
    for (auto it = m[f].begin(); it != m[f].end(); ++it)
      if (!it.value().is_string() && !it.value().is_null())
        return prefix + json_type(it.value()) + " into Go struct field ObjectMeta.metadata." + f +
               " of type string\n";
  }
  return "";
}

}  // namespace

WriteTarget write_target(const Invocation& inv, const Json& obj, const std::string& source) {
  WriteTarget t;
  if (!obj.is_object()) {
    t.error = "error: error validating \"" + source +
              "\": error validating data: invalid object to validate; if you choose to ignore these errors, turn "
              "validation off with --validate=false\n";
    return t;
  }
  t.error = manifest_error(obj, source);
  if (!t.error.empty()) return t;
  const std::string kind = obj["kind"].get<std::string>();
  const std::string api_version = obj["apiVersion"].get<std::string>();
  t.name = api::meta::name(obj);
  t.res = inv.sb.api().registry().find_kind(api_version, kind);
  std::string obj_ns = api::meta::namespace_of(obj);
  if (!t.res) {
    auto slash = api_version.find('/');
    std::string version = slash == std::string::npos ? api_version : api_version.substr(slash + 1);
    t.error = "error: resource mapping not found for name: \"" + t.name + "\" namespace: \"" + obj_ns + "\" from \"" +
              source + "\": no matches for kind \"" + kind + "\" in version \"" + api_version +
              "\"\nensure CRDs are installed first\n" + removed_api_hint(api_version, kind);
    return t;
  }
  if (!t.res->namespaced) return t;
  if (!obj_ns.empty() && inv.namespace_given() && obj_ns != inv.ns()) {
    t.error = "error: the namespace from the provided object \"" + obj_ns +
              "\" does not match the namespace \"" + inv.ns() + "\". You must pass '--namespace=" + obj_ns +
              "' to perform this operation.\n";
    return t;
  }
  t.ns = obj_ns.empty() ? inv.ns() : obj_ns;
  return t;
}

void wait_until(Sandbox& sb, const std::function<bool()>& done) {
  sb.advance(sim::Duration{0});
  for (int step = 0; step < 100 && !done(); ++step) sb.advance(sim::millis(10));
  for (int step = 0; step < 3600 && !done(); ++step) sb.advance(sim::seconds(1));
}

bool wait_for(Sandbox& sb, sim::Duration timeout, const std::function<bool()>& done) {
  sim::Simulator& sim = sb.sim();
  const sim::Time deadline = sim.now() + timeout;
  sb.advance(sim::Duration{0});
  while (!done()) {
    const auto next = sim.next_event_time();
    if (!next || *next > deadline) {
      if (sim.now() < deadline) sb.advance(deadline - sim.now());
      return done();
    }
    sb.advance(*next - sim.now());
  }
  return true;
}

std::string warnings(Sandbox& sb) {
  std::string out;
  for (const auto& w : sb.api().last_warnings()) out += "Warning: " + w + "\n";
  return out;
}

api::FieldValidation validation_mode(const ParsedArgs& a) {
  std::string v = a.str("validate", "strict");
  if (v == "warn") return api::FieldValidation::Warn;
  if (v == "false" || v == "ignore") return api::FieldValidation::Ignore;
  return api::FieldValidation::Strict;
}

FlagSpec validate_flag() { return {"validate", 0, FlagSpec::Kind::String, "strict", "strict"}; }

}  // namespace kt::kubectl
