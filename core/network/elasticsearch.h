// What the elasticsearch image answers on 9200, from the settings its container's
// environment passes (the docker image turns variables named like settings into
// settings): cluster.name (default "docker-cluster"), node.name (default the
// hostname), discovery.seed_hosts / cluster.initial_master_nodes.
//   GET /                 the node's banner (name, cluster_name, cluster_uuid, version)
//   GET /_cluster/health  green, one node
//   GET /_cluster/state   the node as master of its own cluster state
// Ids (cluster_uuid, node ids) are 22-character URL-safe base64 like Elasticsearch's
// UUIDs, derived from the names so that they stay the same between requests.
// FIXME(issue 6): the nodes of a multi-node cluster do not discover each other;
// each answers as a cluster of one.
#pragma once

#include <map>
#include <string>

#include "core/network/http_server.h"

namespace kt::network {

HttpResponse elasticsearch(const node::ImageInfo& image, const HttpRequest& req, const std::string& hostname,
                           const ServerEnv& env, sim::Time now);

}  // namespace kt::network
