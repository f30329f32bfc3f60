// `kubectl autoscale (deployment|replicaset|statefulset|replicationcontroller) NAME
//   --max=N [--min=N] [--cpu-percent=P] [--name=N]` as kubectl v1.32 builds its
// HorizontalPodAutoscaler: autoscaling/v1 (v1.32 has not moved to v2 yet), with
// targetCPUUtilizationPercentage when --cpu-percent is given: "... autoscaled".
// The API server stores it as autoscaling/v2 (core/api/conversion.h); -o prints
// the object the server returned, --dry-run=client the one kubectl would send.
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult run_autoscale(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  OutputFormat fmt = parse_output(a, false, error);
  if (!error.empty()) return fail(error);
  const std::int64_t max = a.integer("max", -1), min = a.integer("min", -1), cpu = a.integer("cpu-percent", -1);
  if (!a.has("max")) return fail("error: required flag(s) \"max\" not set\n");
  if (max < 1) return fail("error: --max=MAXPODS is required and must be at least 1, max: " + std::to_string(max) + "\n");
  if (max < min)
    return fail("error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: " + std::to_string(max) +
                ", min: " + std::to_string(min) + "\n");
  if (a.positional.empty())
    return fail("error: You must provide one or more resources by argument or filename.\nExample resource "
                "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   "
                "'<resource>'\n");
  auto& api = inv.sb.api();
  ResourceArgs ra = resolve_resource_args(inv, a.positional);
  if (!ra.error.empty()) return fail(ra.error);
  std::string out;
  for (const auto& ref : ra.refs) {
    if (ref.name.empty()) return fail("error: resource(s) were provided, but no name was specified\n");
    if (!api.try_get(*ref.res, inv.ns(), ref.name))
      return {out + "Error from server (NotFound): " + ref.res->qualified() + " \"" + ref.name + "\" not found\n", 1};
    if (!ref.res->has_subresource("scale"))
      return {out + "error: cannot autoscale a " + ref.res->kind + ": no scale subresource for " + ref.res->qualified() +
                  "\n",
              1};
    const std::string name = a.str("name", ref.name);
    Json target = Json::object();
    target["apiVersion"] = ref.res->api_version();
    target["kind"] = ref.res->kind;
    target["name"] = ref.name;
    Json spec = Json::object();
    spec["maxReplicas"] = max;
    if (min > 0) spec["minReplicas"] = min;
    spec["scaleTargetRef"] = target;
    if (cpu >= 0) spec["targetCPUUtilizationPercentage"] = cpu;
    Json meta = Json::object();
    meta["creationTimestamp"] = nullptr;
    meta["name"] = name;
    Json hpa = Json::object();
    hpa["apiVersion"] = "autoscaling/v1";
    hpa["kind"] = "HorizontalPodAutoscaler";
    hpa["metadata"] = meta;
    hpa["spec"] = spec;
    Json result = hpa;
    if (dry != "client") {
      api::WriteOptions opts;
      opts.dry_run = dry == "server";
      opts.field_manager = a.str("field-manager", "kubectl-autoscale");
      try {
        const api::ResourceInfo& hpas = *api.registry().find("autoscaling", "v1", "horizontalpodautoscalers");
        result = *api.create(hpas, inv.ns(), hpa, opts);
      } catch (const api::ApiError& e) {
        return {out + server_error(e), 1};
      }
    }
    if (fmt.kind == OutputFormat::Kind::Default) {
      // A client dry run prints the object as "created", the write itself as "autoscaled".
      out += "horizontalpodautoscaler.autoscaling/" + name + (dry == "client" ? " created" : " autoscaled") +
             dry_run_suffix(dry) + "\n";
      continue;
    }
    out += print_structured(fmt, for_output(result), error);
    if (!error.empty()) return {out + error, 1};
  }
  return {out, 0};
}

}  // namespace

Command autoscale_command() {
  auto f = output_flags();
  auto files = filename_flags();
  f.insert(f.end(), files.begin(), files.end());
  f.insert(f.end(), {dry_run_flag(),
                     {"min", 0, K::Int, "-1"},
                     {"max", 0, K::Int, "-1"},
                     {"cpu-percent", 0, K::Int, "-1"},
                     {"name", 0, K::String, ""},
                     {"field-manager", 0, K::String, "kubectl-autoscale"},
                     {"record", 0, K::Bool, "false"},
                     {"save-config", 0, K::Bool, "false"}});
  return {"autoscale", f, run_autoscale, {}, {"filename", "kustomize", "recursive"}};
}

}  // namespace kt::kubectl
