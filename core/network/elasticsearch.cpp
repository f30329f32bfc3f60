#include "core/network/elasticsearch.h"

#include "core/util/base64.h"
#include "core/util/names.h"

namespace kt::network {
namespace {

std::string setting(const ServerEnv& env, const std::string& key, const std::string& fallback) {
  auto it = env.vars.find(key);
  return it == env.vars.end() || it->second.empty() ? fallback : it->second;
}

// A UUID-like id (Elasticsearch's UUIDs.randomBase64UUID: 16 bytes, URL-safe
// base64 without padding), stable for `seed`.
std::string es_id(const std::string& seed) {
  std::string bytes;
  std::uint32_t h = util::fnv32a(seed);
  for (int i = 0; i < 4; ++i) {
    h = util::fnv32a(seed, h + static_cast<std::uint32_t>(i));
    for (int b = 0; b < 4; ++b) bytes += static_cast<char>((h >> (8 * b)) & 0xff);
  }
  std::string id = util::base64url_encode(bytes);
  while (!id.empty() && id.back() == '=') id.pop_back();
  return id;
}

// Elasticsearch's ?pretty layout → its compact one: whitespace outside strings goes.
std::string compact(const std::string& pretty) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < pretty.size(); ++i) {
    const char c = pretty[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < pretty.size()) out += pretty[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == ' ' || c == '\n') continue;
    out += c;
  }
  return out;
}

HttpResponse json(int status, const std::string& reason, const std::string& pretty, bool want_pretty) {
  HttpResponse r;
  r.status = status;
  r.reason = reason;
  r.body = want_pretty ? pretty : compact(pretty);
  r.headers.emplace_back("content-type", "application/json; charset=UTF-8");
  r.headers.emplace_back("content-length", std::to_string(r.body.size()));
  return r;
}

}  // namespace

HttpResponse elasticsearch(const node::ImageInfo& image, const HttpRequest& req, const std::string& hostname,
                           const ServerEnv& env, sim::Time) {
  const std::string cluster = setting(env, "cluster.name", "docker-cluster");
  const std::string name = setting(env, "node.name", hostname);
  const std::string seeds = setting(env, "discovery.seed_hosts", setting(env, "cluster.initial_master_nodes", ""));
  const std::string cluster_uuid = es_id("cluster/" + cluster + "/" + seeds);
  const std::string node_id = es_id("node/" + cluster + "/" + name);
  const std::string q = req.path.find('?') == std::string::npos ? "" : req.path.substr(req.path.find('?') + 1);
  const std::string path = req.path.substr(0, req.path.find('?'));
  const bool pretty = q == "pretty" || q.rfind("pretty&", 0) == 0 || q.find("&pretty") != std::string::npos;
  const std::string v = image.ref.tag;

  if (path == "/" || path.empty())
    return json(200, "OK",
                "{\n  \"name\" : \"" + name + "\",\n  \"cluster_name\" : \"" + cluster + "\",\n  \"cluster_uuid\" : \"" +
                    cluster_uuid + "\",\n  \"version\" : {\n    \"number\" : \"" + v +
                    "\",\n    \"build_flavor\" : \"default\",\n    \"build_type\" : \"docker\",\n"
                    "    \"lucene_version\" : \"8.11.1\",\n    \"minimum_wire_compatibility_version\" : "
                    "\"6.8.0\",\n    \"minimum_index_compatibility_version\" : \"6.0.0-beta1\"\n  },\n"
                    "  \"tagline\" : \"You Know, for Search\"\n}\n",
                true);
  if (path == "/_cluster/health")
    return json(200, "OK",
                "{\n  \"cluster_name\" : \"" + cluster +
                    "\",\n  \"status\" : \"green\",\n  \"timed_out\" : false,\n  \"number_of_nodes\" : 1,\n"
                    "  \"number_of_data_nodes\" : 1,\n  \"active_primary_shards\" : 0,\n  \"active_shards\" : 0,\n"
                    "  \"relocating_shards\" : 0,\n  \"initializing_shards\" : 0,\n  \"unassigned_shards\" : 0,\n"
                    "  \"delayed_unassigned_shards\" : 0,\n  \"number_of_pending_tasks\" : 0,\n"
                    "  \"number_of_in_flight_fetch\" : 0,\n  \"task_max_waiting_in_queue_millis\" : 0,\n"
                    "  \"active_shards_percent_as_number\" : 100.0\n}\n",
                pretty);
  if (path == "/_cluster/state")
    return json(200, "OK",
                "{\n  \"cluster_name\" : \"" + cluster + "\",\n  \"cluster_uuid\" : \"" + cluster_uuid +
                    "\",\n  \"version\" : 19,\n  \"state_uuid\" : \"" + es_id("state/" + cluster_uuid) +
                    "\",\n  \"master_node\" : \"" + node_id + "\",\n  \"blocks\" : { },\n  \"nodes\" : {\n    \"" +
                    node_id + "\" : {\n      \"name\" : \"" + name + "\",\n      \"ephemeral_id\" : \"" +
                    es_id("ephemeral/" + node_id) + "\",\n      \"transport_address\" : \"" + env.pod_ip +
                    ":9300\",\n      \"attributes\" : {\n        \"ml.max_open_jobs\" : \"20\",\n"
                    "        \"xpack.installed\" : \"true\"\n      }\n    }\n  },\n  \"metadata\" : {\n"
                    "    \"cluster_uuid\" : \"" + cluster_uuid +
                    "\",\n    \"cluster_uuid_committed\" : true,\n    \"cluster_coordination\" : {\n"
                    "      \"term\" : 1,\n      \"last_committed_config\" : [\n        \"" + node_id +
                    "\"\n      ],\n      \"last_accepted_config\" : [\n        \"" + node_id +
                    "\"\n      ],\n      \"voting_config_exclusions\" : [ ]\n    },\n    \"templates\" : { },\n"
                    "    \"indices\" : { },\n    \"index-graveyard\" : {\n      \"tombstones\" : [ ]\n    }\n  },\n"
                    "  \"routing_table\" : {\n    \"indices\" : { }\n  },\n  \"routing_nodes\" : {\n"
                    "    \"unassigned\" : [ ],\n    \"nodes\" : {\n      \"" + node_id + "\" : [ ]\n    }\n  }\n}\n",
                pretty);
  return json(400, "Bad Request",
              "{\n  \"error\" : \"no handler found for uri [" + req.path + "] and method [" + req.method +
                  "]\"\n}\n",
              pretty);
}

}  // namespace kt::network
