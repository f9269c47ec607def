# A JupyterHub whose users get C++ notebooks on the cppnb kernel.
#
# As shipped it is the hub the tests run (Debian's jupyterhub 3.0 on loopback:
# any user name logs in, and each user's server is a local process of the hub's
# own user). For a real service keep the kernelspec part and choose a real
# authenticator and spawner (DockerSpawner or KubeSpawner with the image in
# docker/; see the README).
#
#   jupyterhub -f hub/jupyterhub_config.py
#
# Settings from the environment, all optional:
#   CPPNB_HUB_DIR         the hub's state (database, cookie secret, users' homes)
#   CPPNB_HUB_PORT        where users connect (default 8000)
#   CPPNB_HUB_API_PORT    the hub's own API, for the proxy and the servers (default 8081)
#   CPPNB_HUB_PROXY_PORT  the proxy's API (default 8001)
#   CPPNB_JUPYTER_PATH    a Jupyter path holding kernels/cppnb (default: as installed)
import os

c = get_config()  # noqa: F821 (provided by jupyterhub)

state = os.environ.get("CPPNB_HUB_DIR", os.path.join(os.getcwd(), "hub-state"))
os.makedirs(state, exist_ok=True)
homes = os.path.join(state, "home")

c.JupyterHub.bind_url = "http://127.0.0.1:%s" % os.environ.get("CPPNB_HUB_PORT", "8000")
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("CPPNB_HUB_API_PORT", "8081"))
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# Debian's configurable-http-proxy finds its modules only with NODE_PATH set.
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % os.environ.get("CPPNB_HUB_PROXY_PORT", "8001")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.ConfigurableHTTPProxy.command = ["env", "NODE_PATH=/usr/share/nodejs", "configurable-http-proxy"]

# Any user name logs in (no password): for tests and a single-user laptop only.
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"

# Each user's server: a local process, started in that user's own directory.
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(homes, "{username}")
c.Spawner.default_url = "/tree"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
if os.getuid() == 0:
    c.Spawner.args = ["--allow-root"]


def make_home(spawner):
    os.makedirs(os.path.join(homes, spawner.user.name), exist_ok=True)


c.Spawner.pre_spawn_hook = make_home

# The cppnb kernelspec: system-wide in the image (cppnb install); elsewhere a
# Jupyter path that holds it.
environment = {}
if os.environ.get("CPPNB_JUPYTER_PATH"):
    environment["JUPYTER_PATH"] = os.environ["CPPNB_JUPYTER_PATH"]
# The tests tag every process they start, the users' servers and kernels too.
if os.environ.get("CPPNB_TEST_TAG"):
    environment["CPPNB_TEST_TAG"] = os.environ["CPPNB_TEST_TAG"]
c.Spawner.environment = environment
