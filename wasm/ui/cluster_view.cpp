// The cluster view: every node as a card (name, role, Ready, internal IP, kubelet
// version, pod count), laid out in a grid that wraps to the canvas width. Only the
// rows on screen are drawn (ImGuiListClipper), so hundreds of nodes stay cheap.
#include <algorithm>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "wasm/ui/panels.h"

namespace kt::ui {
namespace {

constexpr float kCardWidth = 236;
constexpr float kCardHeight = 112;
constexpr float kGap = 12;
constexpr float kPad = 10;

constexpr ImU32 kCardFill = IM_COL32(34, 38, 48, 255);
constexpr ImU32 kReady = IM_COL32(80, 200, 120, 255);
constexpr ImU32 kNotReady = IM_COL32(230, 85, 85, 255);
constexpr ImU32 kText = IM_COL32(225, 228, 235, 255);
constexpr ImU32 kDim = IM_COL32(140, 148, 165, 255);
constexpr ImU32 kControlPlaneTag = IM_COL32(120, 90, 200, 255);
constexpr ImU32 kOtherRoleTag = IM_COL32(60, 110, 170, 255);

// kubectl prints "<none>" for a node without role labels; a card shows no tag then.
bool has_role(const std::string& role) { return !role.empty() && role != "<none>"; }

void draw_card(ImDrawList* draw, ImVec2 at, const NodeView& node) {
  const ImVec2 end(at.x + kCardWidth, at.y + kCardHeight);
  const ImU32 state = node.ready ? kReady : kNotReady;
  draw->AddRectFilled(at, end, kCardFill, 6);
  draw->AddRect(at, end, state, 6, 0, 2);
  draw->PushClipRect(at, end, true);

  const float line = ImGui::GetTextLineHeightWithSpacing();
  float y = at.y + kPad;
  draw->AddText(ImVec2(at.x + kPad, y), kText, node.name.c_str());
  if (has_role(node.role)) {
    const ImVec2 size = ImGui::CalcTextSize(node.role.c_str());
    const ImVec2 tag(end.x - kPad - size.x - 8, y - 1);
    const bool control_plane = node.role.find("control-plane") != std::string::npos ||
                               node.role.find("master") != std::string::npos;
    draw->AddRectFilled(tag, ImVec2(end.x - kPad, tag.y + size.y + 2),
                        control_plane ? kControlPlaneTag : kOtherRoleTag, 4);
    draw->AddText(ImVec2(tag.x + 4, tag.y + 1), kText, node.role.c_str());
  }

  y += line + 2;
  draw->AddCircleFilled(ImVec2(at.x + kPad + 5, y + line / 2 - 1), 5, state);
  draw->AddText(ImVec2(at.x + kPad + 16, y), state, node.ready ? "Ready" : "NotReady");

  char text[96];
  y += line;
  std::snprintf(text, sizeof text, "IP       %s", node.internal_ip.c_str());
  draw->AddText(ImVec2(at.x + kPad, y), kDim, text);
  y += line;
  std::snprintf(text, sizeof text, "kubelet  %s", node.kubelet_version.c_str());
  draw->AddText(ImVec2(at.x + kPad, y), kDim, text);
  y += line;
  std::snprintf(text, sizeof text, "pods     %d", node.pods);
  draw->AddText(ImVec2(at.x + kPad, y), kDim, text);

  draw->PopClipRect();
}

}  // namespace

void draw_cluster_view(std::span<const NodeView> nodes, Rect where) {
  ImGui::SetNextWindowPos(ImVec2(where.x, where.y));
  ImGui::SetNextWindowSize(ImVec2(where.width, where.height));
  ImGui::Begin("Cluster", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);

  const auto ready = std::count_if(nodes.begin(), nodes.end(), [](const NodeView& n) { return n.ready; });
  ImGui::Text("Nodes");
  ImGui::SameLine();
  ImGui::TextDisabled("%zu total, %td Ready", nodes.size(), ready);
  ImGui::Separator();

  ImGui::BeginChild("nodes");
  if (nodes.empty()) ImGui::TextDisabled("No nodes yet.");
  const float width = ImGui::GetContentRegionAvail().x;
  const int columns = std::max(1, static_cast<int>((width + kGap) / (kCardWidth + kGap)));
  const int rows = static_cast<int>((nodes.size() + columns - 1) / columns);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImGuiListClipper clipper;
  clipper.Begin(rows, kCardHeight + kGap);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const ImVec2 origin = ImGui::GetCursorScreenPos();
      for (int col = 0; col < columns; ++col) {
        const std::size_t i = static_cast<std::size_t>(row) * columns + col;
        if (i >= nodes.size()) break;
        draw_card(draw, ImVec2(origin.x + col * (kCardWidth + kGap), origin.y), nodes[i]);
      }
      ImGui::Dummy(ImVec2(width, kCardHeight + kGap - ImGui::GetStyle().ItemSpacing.y));
    }
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace kt::ui
