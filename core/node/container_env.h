// The environment a container's processes see, as the kubelet builds it when the
// container starts: the image's own variables (PATH, NGINX_VERSION, …), HOSTNAME,
// the Docker-links-style variables of the Services in the pod's namespace
// (enableServiceLinks) and the master service's KUBERNETES_*, then the container's
// env (values and fieldRef/configMapKeyRef/secretKeyRef) and envFrom.
#pragma once

#include <map>
#include <string>

#include "core/api/apiserver.h"
#include "core/node/images.h"

namespace kt::node {

std::map<std::string, std::string> container_environment(const api::ApiServer& api, const Json& pod,
                                                         const Json& container, const ImageInfo& image,
                                                         const std::string& pod_ip);

}  // namespace kt::node
