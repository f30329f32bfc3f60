// `kubectl explain TYPE[.FIELD...] [--recursive] [--api-version=G/V] [-o plaintext]`
// as kubectl v1.32 answers it from the server's OpenAPI v3 documents: the type is
// resolved as kubectl does it (`deployments.apps.spec` names the group; with
// --api-version the first part alone names the resource), then the schema of its group/version/kind is rendered by
// explain_render.cpp from core/api/openapi_schemas.* — the same schemas that
// `kubetab serve` publishes, so the real kubectl prints the same text against it.
// A path through a type the sandbox does not carry gets a clear sandbox message
// instead of a text that would lack that type's fields.
#include <algorithm>
#include <cctype>

#include "core/api/apiserver.h"
#include "core/api/openapi_schemas.h"
#include "core/kubectl/command.h"
#include "core/kubectl/explain_render.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

using util::lower;
using util::split;

// mapper.ResourcesFor: every served resource the name means (plural, singular or kind,
// in any case; a short name only as spelled, as kubectl's shortcut expander matches
// it), preferred versions first.
std::vector<const api::ResourceInfo*> resources_named(const api::ResourceRegistry& registry, const std::string& name) {
  const std::string n = lower(name);
  std::vector<const api::ResourceInfo*> out;
  for (bool preferred : {true, false})
    for (const auto& r : registry.all()) {
      if (r.preferred != preferred || r.verbs.empty()) continue;
      if (r.plural == n || r.singular == n || lower(r.kind) == n ||
          std::find(r.short_names.begin(), r.short_names.end(), name) != r.short_names.end())  // exact
        out.push_back(&r);
    }
  return out;
}

CommandResult not_carried(const std::string& what) {
  return fail("error: the sandbox carries no OpenAPI description of " + what +
              " yet (kubectl explain is not available for it in this sandbox)\n");
}

CommandResult run_explain(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.empty())
    return fail(
        "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list "
        "of supported resources.\n");
  if (a.positional.size() > 1) return fail("error: We accept only this format: explain RESOURCE\n");
  const std::string format = a.str("output", "plaintext");
  const auto& registry = inv.sb.api().registry();

  // Resolve the type as SplitAndParseResourceRequest[WithMatchingPrefix] does.
  std::string input = a.positional[0];
  if (!input.empty() && input.back() == '.') input.pop_back();
  const std::vector<std::string> parts = split(input, '.');
  inv.warnings += short_name_warnings(registry, parts[0]);
  const auto candidates = resources_named(registry, parts[0]);
  if (candidates.empty()) return fail("the server doesn't have a resource type \"" + parts[0] + "\"\n");
  const api::ResourceInfo* res = candidates.front();
  std::vector<std::string> fields(parts.begin() + 1, parts.end());
  if (!a.has("api-version")) {
    // The first candidate whose "plural.group" the input starts with takes the rest as
    // the field path ("deployments.apps.spec"); else the first candidate, every part
    // after the first being a field.
    for (const auto* c : candidates) {
      const std::string gr = c->qualified();
      if (input.rfind(gr, 0) != 0) continue;
      res = c;
      fields.clear();
      const std::string suffix = input.substr(gr.size());
      if (!suffix.empty()) {
        auto rest = split(suffix, '.');
        fields.assign(rest.begin() + 1, rest.end());
      }
      break;
    }
  }

  if (format == "plaintext-openapiv2")
    return fail("error: kubectl explain --output=plaintext-openapiv2 is not available in this sandbox yet\n");
  if (format != "plaintext") return fail("error: unrecognized format: " + format + "\n");

  std::string group = res->group, version = res->version;
  if (a.has("api-version")) {
    const std::string gv = a.str("api-version");
    const std::size_t slash = gv.find('/');
    if (gv.find('/', slash == std::string::npos ? 0 : slash + 1) != std::string::npos)
      return fail("error: unexpected GroupVersion string: " + gv + "\n");
    group = slash == std::string::npos ? "" : gv.substr(0, slash);
    version = slash == std::string::npos ? gv : gv.substr(slash + 1);
    const std::string wanted = group.empty() ? version : group + "/" + version;
    const auto gvs = registry.group_versions();
    const std::string gvr = group + "/" + version + ", Resource=" + res->plural;
    if (std::find(gvs.begin(), gvs.end(), wanted) == gvs.end())
      return fail("error: couldn't find resource for \"" + gvr + "\"\n");
    res = registry.find(group, version, res->plural);
    if (!res) return fail("error: GVR (" + gvr + ") not found in OpenAPI schema\n");
  }

  const std::string root = api::openapi_schema_for(res->group, res->version, res->kind);
  if (root.empty()) return not_carried(res->qualified() + " (" + res->api_version() + ")");
  const Json schemas = api::openapi_schema_closure({root});
  ExplainResult r = render_explain(schemas, root, res->group, res->version, res->kind, fields, a.flag("recursive"));
  if (r.incomplete) return not_carried(a.positional[0]);
  if (!r.error.empty()) return {r.out + r.error, 1};
  return {r.out, 0};
}

}  // namespace

Command explain_command() {
  return {"explain",
          {{"api-version", 0, K::String, ""},
           {"output", 'o', K::String, "plaintext"},
           {"recursive", 0, K::Bool, "false"}},
          run_explain,
          {}};
}

}  // namespace kt::kubectl
