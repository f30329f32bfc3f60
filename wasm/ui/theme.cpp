// Colours of the canvas, matched to web/style.css so the canvas and the HTML panels
// read as one page.
#include "imgui.h"
#include "wasm/ui/panels.h"

namespace kt::ui {

void apply_theme() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.FrameRounding = 3;
  style.WindowPadding = ImVec2(10, 8);
  style.ItemSpacing = ImVec2(6, 6);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.090f, 0.098f, 0.122f, 1.0f);  // #17191f, the page background
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Button] = ImVec4(0.180f, 0.200f, 0.250f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.250f, 0.290f, 0.380f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.200f, 0.400f, 0.700f, 1.0f);
}

}  // namespace kt::ui
