// `kubectl create -f` and the generators (`create namespace|deployment|configmap|
// secret generic|service clusterip|nodeport|loadbalancer|externalname|serviceaccount|
// job|cronjob`; more in create_policy.cpp).
// Generated objects are built as kubectl's typed structs serialise them (with
// `creationTimestamp: null`, `resources: {}`, `status: {}`), which is what
// `--dry-run=client -o yaml` shows.
#include <cctype>
#include <algorithm>

#include "core/kubectl/command.h"
#include "core/util/base64.h"
#include "core/kubectl/create_generators.h"
#include "core/kubectl/go_json.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

// A write of one object and kubectl's report of it. `what`: the generators that
// wrap server errors ("failed to create deployment: ...") name themselves.
CommandResult write_object(Invocation& inv, const api::ResourceInfo& res, const std::string& ns, Json obj,
                           const std::string& source, const std::string& error_prefix = "") {
  std::string error;
  const std::string dry = dry_run_mode(inv.args, error);
  if (!error.empty()) return fail(error);
  OutputFormat fmt = parse_output(inv.args, false, error);
  if (!error.empty()) return fail(error);
  // A generator's object is a Go struct to kubectl: -o json prints it in the structs'
  // field order (go_json.h) where the sandbox has the kind's table; `create -f` holds
  // unstructured objects, whose keys print sorted.
  if (inv.args.flag("save-config")) obj = with_last_applied(std::move(obj));
  Json result = obj;
  std::string out;
  if (dry != "client") {
    api::WriteOptions opts;
    opts.dry_run = dry == "server";
    opts.validation = validation_mode(inv.args);
    opts.field_manager = "kubectl-create";
    try {
      result = *inv.sb.api().create(res, ns, obj, opts);
    } catch (const api::ApiError& e) {
      if (!error_prefix.empty()) return fail(error_prefix + e.message() + "\n");
      return fail(source.empty() ? server_error(e) : server_error_for(e, "creating", source));
    }
    out += warnings(inv.sb);
  }
  if (fmt.kind == OutputFormat::Kind::Default)
    return {out + kind_name(res, api::meta::name(obj)) + " created" + dry_run_suffix(dry) + "\n", 0};
  if (fmt.kind == OutputFormat::Kind::Json && source.empty() && go_json_known(result))
    return {out + go_json(for_output(result)), 0};
  out += print_structured(fmt, for_output(result), error);
  return {out + error, error.empty() ? 0 : 1};
}

// The NAME argument of a generator, or kubectl's error.
bool one_name(const Invocation& inv, std::string& name, CommandResult& err) {
  if (inv.args.positional.size() != 1) {
    err = fail("error: exactly one NAME is required, got " + std::to_string(inv.args.positional.size()) +
               "\nSee 'kubectl " + inv.path + " -h' for help and examples\n");
    return false;
  }
  name = inv.args.positional[0];
  return true;
}

Json meta(const Invocation& inv, const std::string& name) {
  Json m = Json::object();
  m["creationTimestamp"] = nullptr;
  m["name"] = name;
  if (inv.namespace_given()) m["namespace"] = inv.ns();
  return m;
}

const api::ResourceInfo& resource(Invocation& inv, const char* group, const char* plural) {
  return *inv.sb.api().registry().find_plural(group, plural);
}

std::string target_ns(Invocation& inv, const api::ResourceInfo& res) { return res.namespaced ? inv.ns() : ""; }

CommandResult finish(Invocation& inv, const char* group, const char* plural, Json obj, const std::string& what = "") {
  const api::ResourceInfo& res = resource(inv, group, plural);
  return write_object(inv, res, target_ns(inv, res), std::move(obj), "",
                      what.empty() ? "" : "error: failed to create " + what + ": ");
}

// ---- create -f -----------------------------------------------------------------------

CommandResult run_create(Invocation& inv) {
  auto files = inv.args.list("filename");
  if (files.empty()) {
    if (!inv.args.positional.empty()) {
      std::string list;
      for (const auto& p : inv.args.positional) list += (list.empty() ? "" : " ") + p;
      return fail("error: Unexpected args: [" + list + "]\nSee 'kubectl create -h' for help and examples\n");
    }
    return fail("error: must specify one of -f and -k\n");
  }
  Manifests m = read_manifests(inv.ctx, files, inv.args.flag("recursive"));
  if (m.items.empty() && m.error.empty()) return fail("error: no objects passed to create\n");
  std::string out, errors;
  for (const auto& item : m.items) {
    WriteTarget t = write_target(inv, item.object, item.source);
    if (!t.error.empty()) {
      errors += t.error;
      continue;
    }
    Json obj = item.object;
    if (t.res->namespaced) obj["metadata"]["namespace"] = t.ns;
    CommandResult r = write_object(inv, *t.res, t.ns, std::move(obj), item.source);
    (r.exit_code ? errors : out) += r.output;
  }
  errors += m.error;
  return {out + errors, errors.empty() ? 0 : 1};
}

// ---- generators -------------------------------------------------------------------------

CommandResult create_namespace(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!one_name(inv, name, err)) return err;
  Json m = Json::object();
  m["creationTimestamp"] = nullptr;
  m["name"] = name;
  Json obj = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", m}, {"spec", Json::object()}, {"status", Json::object()}};
  return finish(inv, "", "namespaces", std::move(obj));
}

CommandResult create_serviceaccount(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!one_name(inv, name, err)) return err;
  Json obj = {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", meta(inv, name)}};
  return finish(inv, "", "serviceaccounts", std::move(obj), "serviceaccount");
}

// A container name from an image reference: "registry/app/nginx:1.25" → "nginx".
std::string container_name(const std::string& image) {
  std::string base = image.substr(0, image.find('@'));
  auto slash = base.rfind('/');
  if (slash != std::string::npos) base = base.substr(slash + 1);
  base = base.substr(0, base.find(':'));
  return base;
}

CommandResult create_deployment(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!one_name(inv, name, err)) return err;
  auto images = inv.args.list("image");
  if (images.empty()) return fail(command_failed(inv.sb, "required flag(s) \"image\" not set"));
  const std::int64_t port = inv.args.integer("port", -1);
  Json labels = {{"app", name}};
  Json containers = Json::array();
  for (const auto& image : images) {
    Json c = {{"image", image}, {"name", container_name(image)}, {"resources", Json::object()}};
    if (port >= 0) {
      Json p = Json::object();
      p["containerPort"] = port;
      c["ports"] = Json::array();
      c["ports"].push_back(p);
    }
    containers.push_back(c);
  }
  Json m = meta(inv, name);
  m["labels"] = labels;
  Json tmeta = {{"creationTimestamp", nullptr}, {"labels", labels}};
  Json spec = {{"replicas", inv.args.integer("replicas", 1)},
               {"selector", {{"matchLabels", labels}}},
               {"strategy", Json::object()},
               {"template", {{"metadata", tmeta}, {"spec", {{"containers", containers}}}}}};
  Json obj = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", m}, {"spec", spec}, {"status", Json::object()}};
  return finish(inv, "apps", "deployments", std::move(obj), "deployment");
}

// --from-literal and --from-file into a data map; "" or kubectl's error.
std::string collect_data(Invocation& inv, Json& data, bool encode) {
  for (const auto& lit : inv.args.list("from-literal")) {
    auto eq = lit.find('=');
    if (eq == std::string::npos || eq == 0)
      return "error: invalid literal source " + lit + ", expected key=value\n";
    std::string key = lit.substr(0, eq), value = lit.substr(eq + 1);
    if (data.contains(key))
      return "error: cannot add key " + key + ", another key by that name already exists in Data for ConfigMap \"" +
             inv.args.positional[0] + "\"\n";
    data[key] = encode ? util::base64_encode(value) : value;
  }
  for (const auto& src : inv.args.list("from-file")) {
    auto eq = src.find('=');
    std::string key = eq == std::string::npos ? "" : src.substr(0, eq);
    std::string path = eq == std::string::npos ? src : src.substr(eq + 1);
    if (!inv.ctx.fs || !inv.ctx.fs->exists(path)) return "error: error reading " + path + ": no such file or directory\n";
    std::vector<std::pair<std::string, std::string>> files;
    if (inv.ctx.fs->is_dir(path)) {
      for (const auto& n : inv.ctx.fs->list(path))
        if (!inv.ctx.fs->is_dir(path + "/" + n)) files.emplace_back(n, path + "/" + n);
    } else {
      files.emplace_back(key.empty() ? path.substr(path.rfind('/') + 1) : key, path);
    }
    for (const auto& [k, p] : files) {
      auto r = inv.ctx.fs->read(p);
      if (!r.data) return "error: error reading " + p + ": " + r.error + "\n";
      data[k] = encode ? util::base64_encode(*r.data) : *r.data;
    }
  }
  return "";
}

CommandResult create_configmap(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!one_name(inv, name, err)) return err;
  Json data = Json::object();
  std::string e = collect_data(inv, data, false);
  if (!e.empty()) return fail(e);
  if (inv.args.flag("append-hash")) name = hashed_name("ConfigMap", name, "", data);
  Json obj = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", meta(inv, name)}};
  if (!data.empty()) obj["data"] = data;
  return finish(inv, "", "configmaps", std::move(obj), "configmap");
}

CommandResult create_secret_generic(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!one_name(inv, name, err)) return err;
  Json data = Json::object();
  std::string e = collect_data(inv, data, true);
  if (!e.empty()) return fail(e);
  if (inv.args.flag("append-hash")) name = hashed_name("Secret", name, inv.args.str("type"), data);
  Json obj = {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", meta(inv, name)}};
  if (!data.empty()) obj["data"] = data;
  if (inv.args.has("type")) obj["type"] = inv.args.str("type");
  return finish(inv, "", "secrets", std::move(obj), "secret");
}

CommandResult create_service(Invocation& inv, const std::string& type) {
  std::string name;
  CommandResult err;
  if (!one_name(inv, name, err)) return err;
  Json ports = Json::array();
  for (const auto& tcp : inv.args.list("tcp")) {
    auto colon = tcp.find(':');
    std::string port = tcp.substr(0, colon), target = colon == std::string::npos ? port : tcp.substr(colon + 1);
    Json p = Json::object();
    p["name"] = colon == std::string::npos ? port : port + "-" + target;
    p["port"] = std::stoll(port);
    p["protocol"] = "TCP";
    bool numeric = !target.empty() && std::all_of(target.begin(), target.end(), ::isdigit);
    if (numeric) p["targetPort"] = std::stoll(target);
    else p["targetPort"] = target;
    if (type == "NodePort" && inv.args.integer("node-port", 0) > 0) p["nodePort"] = inv.args.integer("node-port", 0);
    ports.push_back(p);
  }
  if (type == "ExternalName" && !inv.args.has("external-name"))
    return fail("error: required flag(s) \"external-name\" not set\n");
  if (ports.empty() && inv.args.str("clusterip") != "None" && type != "ExternalName")
    return fail("error: at least one tcp port specifier must be provided\n");
  Json m = meta(inv, name);
  m["labels"] = {{"app", name}};
  Json spec = {{"selector", {{"app", name}}}, {"type", type}};
  if (type == "ExternalName") spec["externalName"] = inv.args.str("external-name");
  if (!ports.empty()) spec["ports"] = ports;
  if (inv.args.has("clusterip")) spec["clusterIP"] = inv.args.str("clusterip");
  Json obj = {{"apiVersion", "v1"},
              {"kind", "Service"},
              {"metadata", m},
              {"spec", spec},
              {"status", {{"loadBalancer", Json::object()}}}};
  return finish(inv, "", "services", std::move(obj));
}

CommandResult create_service_clusterip(Invocation& inv) { return create_service(inv, "ClusterIP"); }
CommandResult create_service_loadbalancer(Invocation& inv) { return create_service(inv, "LoadBalancer"); }
CommandResult create_service_externalname(Invocation& inv) { return create_service(inv, "ExternalName"); }
CommandResult create_service_nodeport(Invocation& inv) { return create_service(inv, "NodePort"); }

Json job_container(Invocation& inv, const std::string& name) {
  Json c = {{"image", inv.args.str("image")}, {"name", name}, {"resources", Json::object()}};
  if (!inv.args.after_dash.empty()) {
    c["command"] = Json::array();
    for (const auto& a : inv.args.after_dash) c["command"].push_back(a);
  }
  return c;
}

// `create job NAME --from=cronjob/CJ`: the CronJob's job template, marked as a manual
// run and owned by the CronJob (a controller reference without blockOwnerDeletion).
CommandResult create_job_from(Invocation& inv, const std::string& name) {
  auto& api = inv.sb.api();
  ResourceArgs ra = resolve_resource_args(inv, {inv.args.str("from", "")});
  if (!ra.error.empty()) return fail(ra.error);
  std::vector<api::ObjectPtr> found;
  for (const auto& ref : ra.refs)
    if (ref.name.empty()) return fail("error: resource(s) were provided, but no name was specified\n");
  for (const auto& ref : ra.refs) {
    if (!ref.name.empty()) {
      api::ObjectPtr o = api.try_get(*ref.res, inv.ns(), ref.name);
      if (!o) return fail("Error from server (NotFound): " + ref.res->qualified() + " \"" + ref.name + "\" not found\n");
      found.push_back(o);
    } else {
      for (auto& o : api.list(*ref.res, ref.res->namespaced ? inv.ns() : "").items) found.push_back(o);
    }
  }
  if (found.size() != 1) return fail("error: from must be an existing cronjob\n");
  const Json& cj = *found.front();
  if (cj.value("apiVersion", "") != "batch/v1" || cj.value("kind", "") != "CronJob") {
    // kubectl's %T of the decoded object: "*v1.Deployment".
    const std::string api_version = cj.value("apiVersion", "");
    const std::string version = api_version.substr(api_version.rfind('/') + 1);
    return fail("error: unknown object type *" + version + "." + cj.value("kind", "") + "\n");
  }
  const Json& tmpl = api::field(cj, {"spec", "jobTemplate"});
  Json m = meta(inv, name);
  Json annotations = Json::object();
  annotations["cronjob.kubernetes.io/instantiate"] = "manual";
  const Json& extra = api::field(tmpl, {"metadata", "annotations"});
  if (extra.is_object())
    for (auto it = extra.begin(); it != extra.end(); ++it) annotations[it.key()] = it.value();
  m["annotations"] = annotations;
  const Json& labels = api::field(tmpl, {"metadata", "labels"});
  if (labels.is_object() && !labels.empty()) m["labels"] = labels;
  Json owner = Json::object();
  owner["apiVersion"] = "batch/v1";
  owner["kind"] = "CronJob";
  owner["name"] = api::meta::name(cj);
  owner["uid"] = api::meta::uid(cj);
  owner["controller"] = true;
  m["ownerReferences"] = Json::array({owner});
  Json spec = api::field(tmpl, {"spec"}).is_object() ? api::field(tmpl, {"spec"}) : Json::object();
  if (spec.contains("template") && !api::field(spec, {"template", "metadata"}).is_object())
    spec["template"]["metadata"] = {{"creationTimestamp", nullptr}};
  Json obj = Json::object();
  obj["apiVersion"] = "batch/v1";
  obj["kind"] = "Job";
  obj["metadata"] = m;
  obj["spec"] = spec;
  obj["status"] = Json::object();
  return finish(inv, "batch", "jobs", std::move(obj), "job");
}

CommandResult create_job(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!one_name(inv, name, err)) return err;
  const bool image = !inv.args.str("image", "").empty(), from = !inv.args.str("from", "").empty();
  if (image == from) return fail("error: either --image or --from must be specified\n");
  if (from && !inv.args.after_dash.empty()) return fail("error: cannot specify --from and command\n");
  if (from) return create_job_from(inv, name);
  Json containers = Json::array();
  containers.push_back(job_container(inv, name));
  Json tmpl = {{"metadata", {{"creationTimestamp", nullptr}}},
               {"spec", {{"containers", containers}, {"restartPolicy", "Never"}}}};
  Json obj = {{"apiVersion", "batch/v1"},
              {"kind", "Job"},
              {"metadata", meta(inv, name)},
              {"spec", {{"template", tmpl}}},
              {"status", Json::object()}};
  return finish(inv, "batch", "jobs", std::move(obj), "job");
}

CommandResult create_cronjob(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!one_name(inv, name, err)) return err;
  {
    std::string missing;
    for (const char* f : {"image", "schedule"})
      if (!inv.args.has(f)) missing += std::string(missing.empty() ? "" : ", ") + "\"" + f + "\"";
    if (!missing.empty()) return fail(command_failed(inv.sb, "required flag(s) " + missing + " not set"));
  }
  Json containers = Json::array();
  containers.push_back(job_container(inv, name));
  Json tmpl = {{"metadata", {{"creationTimestamp", nullptr}}},
               {"spec", {{"containers", containers}, {"restartPolicy", inv.args.str("restart", "OnFailure")}}}};
  Json job_template = {{"metadata", {{"creationTimestamp", nullptr}, {"name", name}}}, {"spec", {{"template", tmpl}}}};
  Json obj = {{"apiVersion", "batch/v1"},
              {"kind", "CronJob"},
              {"metadata", meta(inv, name)},
              {"spec", {{"jobTemplate", job_template}, {"schedule", inv.args.str("schedule")}}},
              {"status", Json::object()}};
  return finish(inv, "batch", "cronjobs", std::move(obj), "cronjob");
}

std::vector<FlagSpec> write_flags() {
  std::vector<FlagSpec> f = output_flags();
  f.insert(f.end(), {dry_run_flag(), validate_flag(), {"field-manager", 0, K::String, "kubectl-create"},
                     {"save-config", 0, K::Bool, "false"}});
  return f;
}

std::vector<FlagSpec> with(std::vector<FlagSpec> more) {
  auto f = write_flags();
  f.insert(f.end(), more.begin(), more.end());
  return f;
}

}  // namespace

bool generator_name(const Invocation& inv, std::string& name, CommandResult& err) { return one_name(inv, name, err); }
Json generator_meta(const Invocation& inv, const std::string& name) { return meta(inv, name); }
CommandResult create_generated(Invocation& inv, const char* group, const char* plural, Json obj,
                               const std::string& what) {
  return finish(inv, group, plural, std::move(obj), what);
}
CommandResult create_generated_prefixed(Invocation& inv, const char* group, const char* plural, Json obj,
                                        const std::string& prefix) {
  const api::ResourceInfo& res = resource(inv, group, plural);
  return write_object(inv, res, target_ns(inv, res), std::move(obj), "", prefix);
}
std::vector<FlagSpec> generator_flags(std::vector<FlagSpec> more) { return with(std::move(more)); }
std::string generator_data(Invocation& inv, Json& data, bool encode) { return collect_data(inv, data, encode); }

Command create_command() {
  auto f = write_flags();
  auto files = filename_flags();
  f.insert(f.end(), files.begin(), files.end());
  f.insert(f.end(), {{"edit", 0, K::Bool, "false"}, {"raw", 0, K::String, ""}, {"selector", 'l', K::String, ""},
                     {"windows-line-endings", 0, K::Bool, "false"}});
  const FlagSpec from_literal{"from-literal", 0, K::StringArray, "[]"}, from_file{"from-file", 0, K::StringList, "[]"},
      image{"image", 0, K::String, ""};
  Command secret{"secret", {}, nullptr, {{"generic", with({from_literal, from_file, {"type", 0, K::String, ""},
                                                           {"append-hash", 0, K::Bool, "false"}}),
                                          create_secret_generic, {}}}};
  for (auto& g : secret_generators()) secret.subcommands.push_back(std::move(g));
  const std::vector<FlagSpec> svc = {{"tcp", 0, K::StringList, "[]"}, {"clusterip", 0, K::String, ""}};
  auto nodeport = svc;
  nodeport.push_back({"node-port", 0, K::Int, "0"});
  Command service{"service", {}, nullptr, {{"clusterip", with(svc), create_service_clusterip, {}},
                                           {"nodeport", with(nodeport), create_service_nodeport, {}},
                                           {"loadbalancer", with(svc), create_service_loadbalancer, {}},
                                           {"externalname", with({{"tcp", 0, K::StringList, "[]"},
                                                                  {"external-name", 0, K::String, ""}}),
                                            create_service_externalname, {}}}};
  std::vector<Command> subs = {{"namespace", write_flags(), create_namespace, {}},
           {"ns", write_flags(), create_namespace, {}},
           {"serviceaccount", write_flags(), create_serviceaccount, {}},
           {"sa", write_flags(), create_serviceaccount, {}},
           {"deployment", with({{"image", 0, K::StringList, "[]"}, {"replicas", 'r', K::Int, "1"}, {"port", 0, K::Int, "-1"}}),
            create_deployment, {}},
           {"deploy", with({{"image", 0, K::StringList, "[]"}, {"replicas", 'r', K::Int, "1"}, {"port", 0, K::Int, "-1"}}),
            create_deployment, {}},
           {"configmap", with({from_literal, from_file, {"append-hash", 0, K::Bool, "false"}}), create_configmap, {}},
           {"cm", with({from_literal, from_file, {"append-hash", 0, K::Bool, "false"}}), create_configmap, {}},
           secret,
           service,
           {"svc", {}, nullptr, service.subcommands},
           {"job", with({image, {"from", 0, K::String, ""}}), create_job, {}},
           {"cronjob", with({image, {"schedule", 0, K::String, ""}, {"restart", 0, K::String, "OnFailure"}}),
            create_cronjob, {}},
           {"cj", with({image, {"schedule", 0, K::String, ""}, {"restart", 0, K::String, "OnFailure"}}),
            create_cronjob, {}}};
  for (auto& g : policy_generators()) subs.push_back(std::move(g));
  for (auto& g : rbac_generators()) subs.push_back(std::move(g));
  for (auto& g : ingress_generators()) subs.push_back(std::move(g));
  subs.push_back(token_generator());
  return {"create", f, run_create, subs, {"edit", "raw", "selector", "kustomize", "windows-line-endings"}};
}

}  // namespace kt::kubectl
