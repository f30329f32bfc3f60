// Read-only snapshots of the cluster for views (the ImGui canvas, later the lesson
// panel). Built through the API like any other client; views never hold model state.
#pragma once

#include <string>
#include <vector>

namespace kt {
class Sandbox;

struct NodeView {
  std::string name;
  std::string role;          // "control-plane" or "worker"
  bool ready = false;
  std::string internal_ip;
  std::string kubelet_version;
  int pods = 0;              // pods bound to the node
};

std::vector<NodeView> nodes_for_view(Sandbox& sandbox);

}  // namespace kt
