#include "core/node/rootfs.h"

#include <cstdio>
#include <initializer_list>

namespace kt::node {
namespace {

// The applets of a busybox build that the sandbox's shell implements.
constexpr std::initializer_list<const char*> kBusyboxApplets = {
    "sh",    "ash",   "ls",   "mkdir",  "touch",  "rm",     "cp",       "mv",   "chmod", "chown", "cat",
    "head",  "tail",  "wc",   "tee",    "grep",   "egrep",  "sort",     "uniq", "cut",   "tr",    "base64",
    "less",  "more",  "seq",  "sed",    "awk",    "which",  "env",      "clear", "hostname", "date", "sleep",
    "uname", "whoami", "id",  "printf", "echo",   "true",   "false",    "test", "[",     "nslookup", "wget",
    "ping",  "ifconfig", "ip", "vi", "sysctl", "ulimit", "ps", "kill", "mount", "df", "free", "top", "nc",
    "telnet", "netstat", "route", "traceroute", "tar", "gzip", "find", "xargs", "du", "ln", "readlink", "stat"};

// Debian's essential packages plus what the images the tutorials use add.
constexpr std::initializer_list<const char*> kDebianPrograms = {
    "sh",   "bash",   "ls",     "mkdir", "touch", "rm",   "cp",    "mv",    "chmod",    "chown", "cat",
    "head", "tail",   "wc",     "tee",   "grep",  "egrep", "sort", "uniq",  "cut",      "tr",    "base64",
    "more", "seq",    "sed",    "awk",   "which", "env",  "clear", "hostname", "date",  "sleep", "uname",
    "whoami", "id",   "printf", "echo",  "true",  "false", "test", "["};

// Images built FROM scratch or distroless: nothing to run but their own binary.
bool distroless(const std::string& name) {
  for (const char* n : {"pause", "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "coredns",
                        "kube-webhook-certgen", "dashboard", "metrics-scraper", "metrics-server", "hello-app",
                        "echo-server", "nfs-subdir-external-provisioner", "kube-controllers"})
    if (name == n) return true;
  return false;
}

bool alpine_based(const ImageInfo& image) {
  const std::string name = image.ref.short_name();
  return name == "busybox" || name == "alpine" || image.ref.tag.find("alpine") != std::string::npos ||
         name == "nfs-client-provisioner" || name == "node-exporter" || name == "local-path-provisioner" ||
         name == "stress";
}

// The Debian release an nginx tag was built on.
std::string nginx_debian(const std::string& version) {
  int minor = 0;
  std::sscanf(version.c_str(), "1.%d", &minor);
  if (minor >= 25) return "12 (bookworm)";
  if (minor >= 21) return "11 (bullseye)";
  if (minor >= 17) return "10 (buster)";
  if (minor >= 13) return "9 (stretch)";
  return "8 (jessie)";
}

constexpr const char* kNginxConf =
    "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\n"
    "pid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n"
    "    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n"
    "    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n"
    "                      '$status $body_bytes_sent \"$http_referer\" '\n"
    "                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n"
    "    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n"
    "    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n";

constexpr const char* kNginxDefaultConf =
    "server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n"
    "    #access_log  /var/log/nginx/host.access.log  main;\n\n    location / {\n"
    "        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n"
    "    #error_page  404              /404.html;\n\n"
    "    # redirect server error pages to the static page /50x.html\n    #\n"
    "    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n"
    "        root   /usr/share/nginx/html;\n    }\n}\n\n";

constexpr const char* kNginx50x =
    "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\nhtml { color-scheme: light dark; }\n"
    "body { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n"
    "</head>\n<body>\n<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\n"
    "Please try again later.</p>\n<p>If you are the system administrator of this resource then you should check\n"
    "the error log for details.</p>\n<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n";

void dirs(term::MemoryFs& fs, std::initializer_list<const char*> paths) {
  for (const char* d : paths) fs.mkdir(d, true);
}

}  // namespace

std::string Userland::prompt(const std::string& hostname, const std::string& cwd, bool bash) const {
  if (bash) return "root@" + hostname + ":" + (cwd == "/root" ? "~" : cwd) + "# ";
  if (shell == Shell::Busybox) return (cwd == "/root" ? "~" : cwd) + " # ";
  return "# ";  // dash
}

Userland userland_of(const ImageInfo& image) {
  Userland u;
  const std::string name = image.ref.short_name();
  if (image.kind == ImageKind::Pause || distroless(name)) return u;
  if (alpine_based(image)) {
    u.shell = Userland::Shell::Busybox;
    u.busybox_version = name == "busybox" && image.ref.tag != "latest" ? image.ref.tag : "1.37.0";
    for (const char* p : kBusyboxApplets) u.programs.insert(p);
  } else {
    u.shell = Userland::Shell::Debian;
    for (const char* p : kDebianPrograms) u.programs.insert(p);
  }
  if (name == "nginx") u.programs.insert({"nginx", "curl"});
  if (name == "perl") u.programs.insert("perl");
  if (name == "stress") u.programs.insert("stress");
  if (name == "elasticsearch" || name == "tomcat" || name == "httpd") u.programs.insert("curl");
  return u;
}

std::shared_ptr<term::MemoryFs> make_rootfs(const ImageInfo& image, term::MemoryFs::Clock clock) {
  auto fs = std::make_shared<term::MemoryFs>(std::move(clock));
  const Userland u = userland_of(image);
  const std::string name = image.ref.short_name();
  dirs(*fs, {"/dev", "/etc", "/proc", "/sys", "/tmp", "/var", "/var/run"});
  fs->chmod("/tmp", 01777);
  if (u.shell == Userland::Shell::None) return fs;  // a single binary and its certificates
  dirs(*fs, {"/bin", "/home", "/root", "/usr", "/usr/bin", "/usr/sbin", "/usr/local", "/usr/local/bin", "/var/log",
             "/lib", "/sbin", "/mnt", "/opt", "/srv", "/media", "/run"});
  fs->chmod("/root", 0700);
  fs->write("/etc/passwd", "root:x:0:0:root:/root:" + std::string(u.shell == Userland::Shell::Busybox ? "/bin/sh" : "/bin/bash") + "\n", false);
  fs->write("/etc/group", "root:x:0:\n", false);
  if (u.shell == Userland::Shell::Busybox && name != "busybox") {
    fs->write("/etc/alpine-release", "3.20.3\n", false);
    fs->write("/etc/os-release",
              "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n"
              "HOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n",
              false);
  } else if (u.shell == Userland::Shell::Debian) {
    const std::string release = name == "nginx" ? nginx_debian(image.version) : "12 (bookworm)";
    fs->write("/etc/os-release",
              "PRETTY_NAME=\"Debian GNU/Linux " + release + "\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"" +
                  release.substr(0, release.find(' ')) + "\"\nVERSION=\"" + release + "\"\nID=debian\n"
                  "HOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\n"
                  "BUG_REPORT_URL=\"https://bugs.debian.org/\"\n",
              false);
    fs->write("/etc/debian_version", release.substr(0, release.find(' ')) + ".0\n", false);
  }
  if (name == "nginx") {
    dirs(*fs, {"/etc/nginx/conf.d", "/usr/share/nginx/html", "/var/log/nginx", "/var/cache/nginx", "/docker-entrypoint.d"});
    fs->write("/etc/nginx/nginx.conf", kNginxConf, false);
    fs->write("/etc/nginx/conf.d/default.conf", kNginxDefaultConf, false);
    fs->write("/usr/share/nginx/html/index.html", nginx_index_html(image.version), false);
    fs->write("/usr/share/nginx/html/50x.html", kNginx50x, false);
    // The official image links its logs to the container's stdout and stderr.
    fs->write("/var/log/nginx/access.log", "", false);
    fs->write("/var/log/nginx/error.log", "", false);
    fs->write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\n", false);
  }
  if (name == "elasticsearch") dirs(*fs, {"/usr/share/elasticsearch/data", "/usr/share/elasticsearch/config"});
  fs->chdir("/");
  return fs;
}

std::string nginx_index_html(const std::string& version) {
  int minor = 0;
  std::sscanf(version.c_str(), "1.%d", &minor);
  const std::string style =
      minor >= 21 ? "<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n"
                    "font-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n"
                  : "<style>\n    body {\n        width: 35em;\n        margin: 0 auto;\n"
                    "        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n</style>\n";
  return "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n" + style +
         "</head>\n<body>\n<h1>Welcome to nginx!</h1>\n"
         "<p>If you see this page, the nginx web server is successfully installed and\n"
         "working. Further configuration is required.</p>\n\n"
         "<p>For online documentation and support please refer to\n"
         "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\n"
         "Commercial support is available at\n"
         "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n"
         "<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";
}

}  // namespace kt::node
