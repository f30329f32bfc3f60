// The machines of a scenario as shell hosts: each gets the files a freshly installed
// kubeadm node has that learners look at or edit (/etc/hosts, /etc/hostname,
// /etc/os-release, /etc/fstab, /etc/selinux/config, kubeconfigs, root's dotfiles).
#include "core/cluster/cluster.h"
#include "core/cluster/scenario.h"
#include "core/node/disks.h"
#include "core/sandbox.h"
#include "core/terminal/shell_state.h"

namespace kt::term {
namespace {

std::string os_release(const std::string& os_image) {
  if (os_image.rfind("CentOS Linux 7", 0) == 0)
    return "NAME=\"CentOS Linux\"\nVERSION=\"7 (Core)\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\nVERSION_ID=\"7\"\n"
           "PRETTY_NAME=\"CentOS Linux 7 (Core)\"\nANSI_COLOR=\"0;31\"\nCPE_NAME=\"cpe:/o:centos:centos:7\"\n"
           "HOME_URL=\"https://www.centos.org/\"\nBUG_REPORT_URL=\"https://bugs.centos.org/\"\n\n"
           "CENTOS_MANTISBT_PROJECT=\"CentOS-7\"\nCENTOS_MANTISBT_PROJECT_VERSION=\"7\"\n"
           "REDHAT_SUPPORT_PRODUCT=\"centos\"\nREDHAT_SUPPORT_PRODUCT_VERSION=\"7\"\n\n";
  if (os_image.rfind("Ubuntu", 0) == 0)
    return "PRETTY_NAME=\"" + os_image + "\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION=\"24.04.1 LTS (Noble Numbat)\"\n"
           "VERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\n"
           "SUPPORT_URL=\"https://help.ubuntu.com/\"\nBUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\n"
           "PRIVACY_POLICY_URL=\"https://www.ubuntu.com/legal/terms-and-policies/privacy-policy\"\n"
           "UBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n";
  return "PRETTY_NAME=\"" + os_image + "\"\n";
}

std::string etc_hosts(const cluster::Scenario& sc) {
  std::string s =
      "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n"
      "::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n";
  for (const auto& m : sc.machines) s += m.internal_ip + " " + m.name + "\n";
  return s;
}

constexpr const char* kFstab =
    "\n#\n# /etc/fstab\n#\n"
    "# Accessible filesystems, by reference, are maintained under '/dev/disk'\n"
    "# See man pages fstab(5), findfs(8), mount(8) and/or blkid(8) for more info\n#\n"
    "/dev/mapper/centos-root /                       xfs     defaults        0 0\n"
    "/dev/sda1               /boot                   xfs     defaults        0 0\n"
    "/dev/mapper/centos-swap swap                    swap    defaults        0 0\n";

constexpr const char* kSelinux =
    "\n# This file controls the state of SELinux on the system.\n"
    "# SELINUX= can take one of these three values:\n"
    "#     enforcing - SELinux security policy is enforced.\n"
    "#     permissive - SELinux prints warnings instead of enforcing.\n"
    "#     disabled - No SELinux policy is loaded.\n"
    "SELINUX=enforcing\n"
    "# SELINUXTYPE= can take one of three values:\n"
    "#     targeted - Targeted processes are protected,\n"
    "#     minimum - Modification of targeted policy. Only selected processes are protected. \n"
    "#     mls - Multi Level Security protection.\n"
    "SELINUXTYPE=targeted \n\n\n";

constexpr const char* kBashrc =
    "# .bashrc\n\n# User specific aliases and functions\n\nalias rm='rm -i'\nalias cp='cp -i'\nalias mv='mv -i'\n\n"
    "# Source global definitions\nif [ -f /etc/bashrc ]; then\n\t. /etc/bashrc\nfi\n";

constexpr const char* kBashProfile =
    "# .bash_profile\n\n# Get the aliases and functions\nif [ -f ~/.bashrc ]; then\n\t. ~/.bashrc\nfi\n\n"
    "# User specific environment and startup programs\n\nPATH=$PATH:$HOME/bin\n\nexport PATH\n";

// The kubeconfig kubeadm writes: the cluster's API endpoint and the user's
// credentials. The credentials of a simulated cluster are placeholders.
std::string kubeconfig(const std::string& server, const std::string& user) {
  return "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: c2ltdWxhdGVkIENB\n    server: https://" +
         server + ":6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: " + user +
         "\n  name: " + user + "@kubernetes\ncurrent-context: " + user + "@kubernetes\nkind: Config\npreferences: {}\nusers:\n- name: " +
         user + "\n  user:\n    client-certificate-data: c2ltdWxhdGVk\n    client-key-data: c2ltdWxhdGVk\n";
}

}  // namespace

std::vector<std::unique_ptr<Host>> make_hosts(Sandbox& sandbox) {
  const cluster::Scenario& sc = sandbox.scenario();
  std::vector<std::unique_ptr<Host>> out;
  for (const auto& m : sc.machines) {
    auto h = std::make_unique<Host>();
    h->name = m.name;
    h->ip = m.internal_ip;
    h->control_plane = m.control_plane;
    h->os_image = m.os_image;
    h->kernel = m.kernel;
    h->fs = sandbox.cluster().disks().machine(m.name);
    MemoryFs& fs = *h->fs;
    if (fs.exists("/etc/hostname")) {  // another terminal of this sandbox set it up
      out.push_back(std::move(h));
      continue;
    }
    for (const char* d : {"/etc", "/etc/selinux", "/etc/sysctl.d", "/etc/modules-load.d", "/etc/yum.repos.d", "/root",
                          "/tmp", "/var", "/var/log", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/opt", "/home"})
      fs.mkdir(d, true);
    fs.chmod("/root", 0550);
    fs.chmod("/tmp", 01777);
    fs.write("/etc/hosts", etc_hosts(sc), false);
    fs.write("/etc/hostname", m.name + "\n", false);
    fs.write("/etc/os-release", os_release(m.os_image), false);
    if (m.os_image.rfind("CentOS Linux 7", 0) == 0)
      fs.write("/etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n", false);
    fs.write("/etc/fstab", kFstab, false);
    fs.write("/etc/selinux/config", kSelinux, false);
    fs.write("/root/.bashrc", kBashrc, false);
    fs.write("/root/.bash_profile", kBashProfile, false);
    fs.write("/root/.bash_logout", "# ~/.bash_logout\n\n", false);
    fs.write("/var/log/messages", "", false);
    std::string api_ip = m.internal_ip;
    for (const auto& cp : sc.machines)
      if (cp.control_plane) api_ip = cp.internal_ip;
    fs.mkdir("/etc/kubernetes/manifests", true);
    fs.write("/etc/kubernetes/kubelet.conf", kubeconfig(api_ip, "system:node:" + m.name), false);
    if (m.control_plane) {
      // kubeadm init wrote admin.conf; the administrator copied it to ~/.kube/config.
      fs.write("/etc/kubernetes/admin.conf", kubeconfig(api_ip, "kubernetes-admin"), false);
      fs.mkdir("/root/.kube", false);
      fs.write("/root/.kube/config", kubeconfig(api_ip, "kubernetes-admin"), false);
    }
    fs.chdir("/root");
    // The administrator set the machines up from the login host when the cluster was built.
    if (m.name != sc.login_host) {
      h->last_login = sc.start;
      for (const auto& login : sc.machines)
        if (login.name == sc.login_host) h->last_login_from = login.internal_ip;
      for (const auto& login : sc.workstations)
        if (login.name == sc.login_host) h->last_login_from = login.ip;
    }
    out.push_back(std::move(h));
  }
  std::string api_ip;
  for (const auto& cp : sc.machines)
    if (cp.control_plane) api_ip = cp.internal_ip;
  for (const auto& w : sc.workstations) {
    auto h = std::make_unique<Host>();
    h->name = w.name;
    h->ip = w.ip;
    h->os_image = w.os_image;
    h->kernel = w.kernel;
    h->fs = sandbox.cluster().disks().machine(w.name);
    MemoryFs& fs = *h->fs;
    if (!fs.exists("/etc/hostname")) {
      for (const char* d : {"/etc", "/root", "/root/.kube", "/tmp", "/var", "/var/log", "/usr", "/usr/bin",
                            "/usr/local", "/usr/local/bin", "/opt", "/home"})
        fs.mkdir(d, true);
      fs.chmod("/root", 0700);
      fs.chmod("/tmp", 01777);
      // A workstation knows the cluster only by address until someone adds names here.
      fs.write("/etc/hosts", "127.0.0.1 localhost\n127.0.1.1 " + w.name +
                                 "\n\n# The following lines are desirable for IPv6 capable hosts\n"
                                 "::1     ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n",
               false);
      fs.write("/etc/hostname", w.name + "\n", false);
      fs.write("/etc/os-release", os_release(w.os_image), false);
      fs.write("/root/.bashrc", "# ~/.bashrc: executed by bash(1) for non-login shells.\n", false);
      fs.write("/root/.kube/config", kubeconfig(api_ip, "kubernetes-admin"), false);
      fs.chdir("/root");
    }
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace kt::term
