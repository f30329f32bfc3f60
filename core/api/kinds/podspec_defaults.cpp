// PodSpec defaulting: pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, _Pod, _Container,
// _Probe, _Volume, ...) and the generated defaulters (ports, env fieldRefs, probes' HTTP
// actions), applied in place to the JSON form.
#include <cctype>

#include "core/api/kinds/common.h"
#include "core/api/kinds/podspec.h"
#include "core/api/kinds/quantity_ops.h"

namespace kt::api::kinds {
namespace {

// The member `k` of an object, or null when absent. Unlike obj[k], looking up a
// member that is there allocates nothing (std::map's emplace builds a node first).
Json* member(Json& obj, std::string_view k) {
  auto* members = obj.get_ptr<Json::object_t*>();
  if (!members) return nullptr;
  auto it = members->find(k);
  return it == members->end() ? nullptr : &it->second;
}

// parsers.ParseImageName's tag: "latest" when neither a tag nor a digest is given;
// "" when the reference does not parse (docker references are lower case).
std::string_view image_tag(std::string_view image) {
  if (image.empty()) return "";
  std::string_view name = image, digest;
  if (auto at = image.find('@'); at != std::string_view::npos) {
    name = image.substr(0, at);
    digest = image.substr(at + 1);
  }
  std::string_view tag;
  auto slash = name.rfind('/');
  auto colon = name.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    tag = name.substr(colon + 1);
    name = name.substr(0, colon);
  }
  // The path part (after a registry host) must be lower case.
  std::string_view path = name;
  if (auto first = name.find('/'); first != std::string_view::npos) {
    std::string_view host = name.substr(0, first);
    if (host.find('.') != std::string_view::npos || host.find(':') != std::string_view::npos || host == "localhost")
      path = name.substr(first + 1);
  }
  for (char c : path)
    if (c >= 'A' && c <= 'Z') return "";
  if (name.empty() || std::isspace(static_cast<unsigned char>(image.front())) ||
      std::isspace(static_cast<unsigned char>(image.back())))
    return "";
  if (tag.empty() && digest.empty()) return "latest";
  return tag;
}

void default_http_get(Json& http) {
  if (!http.is_object()) return;
  set_if_zero(http, "path", "/");
  set_if_zero(http, "scheme", "HTTP");
}

void default_probe(Json& probe) {
  if (!probe.is_object()) return;
  set_if_zero(probe, "timeoutSeconds", 1);
  set_if_zero(probe, "periodSeconds", 10);
  set_if_zero(probe, "successThreshold", 1);
  set_if_zero(probe, "failureThreshold", 3);
  if (probe.contains("httpGet")) default_http_get(probe["httpGet"]);
  if (probe.contains("grpc") && probe["grpc"].is_object()) set_default(probe["grpc"], "service", "");
}

void default_field_ref(Json& holder) {
  if (holder.is_object() && holder.contains("fieldRef") && holder["fieldRef"].is_object())
    set_if_zero(holder["fieldRef"], "apiVersion", "v1");
}

void default_container(Json& c) {
  if (!c.is_object()) return;
  if (str(c, "imagePullPolicy").empty()) {
    const Json& image = get(c, "image");
    const std::string_view tag = image.is_string() ? image_tag(image.get_ref<const std::string&>()) : "";
    c["imagePullPolicy"] = tag == "latest" ? "Always" : "IfNotPresent";
  }
  set_if_zero(c, "terminationMessagePath", "/dev/termination-log");
  set_if_zero(c, "terminationMessagePolicy", "File");
  Json* resources = member(c, "resources");
  if (!resources || resources->is_null()) resources = &(c["resources"] = Json::object());
  Json& res = *resources;
  if (res.is_object()) {
    if (Json* limits = member(res, "limits")) canonicalize_resource_list(*limits);
    if (Json* requests = member(res, "requests")) canonicalize_resource_list(*requests);
  }
  if (Json* ports = member(c, "ports"); ports && ports->is_array())
    for (auto& p : *ports) set_if_zero(p, "protocol", "TCP");
  if (Json* env = member(c, "env"); env && env->is_array())
    for (auto& e : *env)
      if (Json* from = member(e, "valueFrom")) default_field_ref(*from);
  for (const char* probe : {"livenessProbe", "readinessProbe", "startupProbe"})
    if (Json* pr = member(c, probe)) default_probe(*pr);
  if (c.contains("lifecycle") && c["lifecycle"].is_object()) {
    for (const char* h : {"postStart", "preStop"}) {
      Json& lc = c["lifecycle"];
      if (lc.contains(h) && lc[h].is_object() && lc[h].contains("httpGet")) default_http_get(lc[h]["httpGet"]);
    }
  }
}

// The volume sources, in the order validateVolumeSource checks them.
void default_items_field_refs(Json& src) {
  if (src.is_object() && src.contains("items") && src["items"].is_array())
    for (auto& item : src["items"]) default_field_ref(item);
}

void default_volume(Json& v) {
  if (!v.is_object()) return;
  bool any = false;
  for (const auto& k : volume_source_keys())
    if (has(v, k)) any = true;
  if (!any) v["emptyDir"] = Json::object();
  if (has(v, "secret")) set_default(v["secret"], "defaultMode", 420);
  if (has(v, "configMap")) set_default(v["configMap"], "defaultMode", 420);
  if (has(v, "downwardAPI")) {
    set_default(v["downwardAPI"], "defaultMode", 420);
    default_items_field_refs(v["downwardAPI"]);
  }
  if (has(v, "hostPath")) set_default(v["hostPath"], "type", "");
  if (has(v, "iscsi")) set_if_zero(v["iscsi"], "iscsiInterface", "default");
  if (has(v, "rbd")) {
    set_if_zero(v["rbd"], "pool", "rbd");
    set_if_zero(v["rbd"], "user", "admin");
    set_if_zero(v["rbd"], "keyring", "/etc/ceph/keyring");
  }
  if (has(v, "projected")) {
    Json& p = v["projected"];
    set_default(p, "defaultMode", 420);
    if (p.contains("sources") && p["sources"].is_array()) {
      for (auto& s : p["sources"]) {
        if (!s.is_object()) continue;
        if (has(s, "serviceAccountToken")) set_default(s["serviceAccountToken"], "expirationSeconds", 3600);
        if (has(s, "downwardAPI")) default_items_field_refs(s["downwardAPI"]);
      }
    }
  }
  if (has(v, "ephemeral") && has(v["ephemeral"], "volumeClaimTemplate")) {
    Json& t = v["ephemeral"]["volumeClaimTemplate"];
    if (has(t, "spec")) set_default(t["spec"], "volumeMode", "Filesystem");
  }
}

}  // namespace

const std::vector<std::string>& volume_source_keys() {
  static const std::vector<std::string> keys = {"emptyDir",
                                                "hostPath",
                                                "gitRepo",
                                                "gcePersistentDisk",
                                                "awsElasticBlockStore",
                                                "secret",
                                                "nfs",
                                                "iscsi",
                                                "glusterfs",
                                                "flocker",
                                                "persistentVolumeClaim",
                                                "rbd",
                                                "cinder",
                                                "cephfs",
                                                "quobyte",
                                                "downwardAPI",
                                                "fc",
                                                "flexVolume",
                                                "configMap",
                                                "azureFile",
                                                "vsphereVolume",
                                                "photonPersistentDisk",
                                                "portworxVolume",
                                                "azureDisk",
                                                "storageos",
                                                "projected",
                                                "scaleIO",
                                                "csi",
                                                "ephemeral",
                                                "image"};
  return keys;
}

void default_pod_spec(Json& spec, PodSpecOf of) {
  if (!spec.is_object()) return;
  for (const char* list : {"containers", "initContainers", "ephemeralContainers"})
    if (Json* cs = member(spec, list); cs && cs->is_array())
      for (auto& c : *cs) default_container(c);
  if (Json* vs = member(spec, "volumes"); vs && vs->is_array())
    for (auto& v : *vs) default_volume(v);
  set_if_zero(spec, "dnsPolicy", "ClusterFirst");
  set_if_zero(spec, "restartPolicy", "Always");
  set_default(spec, "securityContext", Json::object());
  set_default(spec, "terminationGracePeriodSeconds", 30);
  set_if_zero(spec, "schedulerName", "default-scheduler");
  // v1's deprecated serviceAccount mirrors serviceAccountName (conversion).
  if (str(spec, "serviceAccountName").empty() && !str(spec, "serviceAccount").empty())
    spec["serviceAccountName"] = spec["serviceAccount"];
  if (!str(spec, "serviceAccountName").empty()) spec["serviceAccount"] = spec["serviceAccountName"];
  if (of != PodSpecOf::Pod) return;
  // SetDefaults_Pod.
  for (const char* list : {"containers", "initContainers"}) {
    Json* cs = member(spec, list);
    if (!cs || !cs->is_array()) continue;
    for (auto& c : *cs) {
      Json* resources = member(c, "resources");
      if (!resources || !resources->is_object()) continue;
      Json& res = *resources;
      if (Json* limits = member(res, "limits"); !limits || !limits->is_object()) continue;
      if (!res.contains("requests") || !res["requests"].is_object()) res["requests"] = Json::object();
      for (auto it = res["limits"].begin(); it != res["limits"].end(); ++it)
        if (!res["requests"].contains(it.key())) res["requests"][it.key()] = *it;
    }
  }
  set_default(spec, "enableServiceLinks", true);
  if (get(spec, "hostNetwork") == true) {
    for (const char* list : {"containers", "initContainers"}) {
      if (!spec.contains(list) || !spec[list].is_array()) continue;
      for (auto& c : spec[list]) {
        if (!c.is_object() || !c.contains("ports") || !c["ports"].is_array()) continue;
        for (auto& p : c["ports"])
          if (integer(p, "hostPort").value_or(0) == 0 && has(p, "containerPort")) p["hostPort"] = p["containerPort"];
      }
    }
  }
}

void default_pod_template(Json& tmpl) {
  if (!tmpl.is_object()) return;
  Json& meta = object_at(tmpl, "metadata");
  if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = nullptr;
  if (tmpl.contains("spec")) default_pod_spec(tmpl["spec"], PodSpecOf::Template);
}

}  // namespace kt::api::kinds
