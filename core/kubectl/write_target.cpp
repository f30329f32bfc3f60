// What the writing commands share: where a manifest's object goes, --validate,
// the server's warnings.
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/sandbox_hint.h"
#include "core/sandbox.h"

namespace kt::kubectl {

WriteTarget write_target(const Invocation& inv, const Json& obj, const std::string& source) {
  WriteTarget t;
  const std::string kind = obj.is_object() ? obj.value("kind", std::string()) : "";
  const std::string api_version = obj.is_object() ? obj.value("apiVersion", std::string()) : "";
  t.name = api::meta::name(obj);
  if (kind.empty()) {
    t.error = "error: error validating \"" + source +
              "\": error validating data: kind not set; if you choose to ignore these errors, turn validation off "
              "with --validate=false\n";
    return t;
  }
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
