"""A private build of the harness and the property suites in a temporary
folder: sources exported from a git revision (or copied from the working
tree), a minimal top-level CMake project, one Ninja build tree. Mutants are
written into this copy only; the repository is never touched."""
import hashlib
import os
import shutil
import subprocess
import tarfile
import io

# What the suites need: the harness, the records (the property results), the
# properties component (with the fixtures it pulls in), and the shared CMake helpers.
COMPONENTS = ["cmake", "harness", "records", "properties", "fixtures/mutants"]

ROOT_CMAKE = """cmake_minimum_required(VERSION 3.25)
project(gauntlet_mutation LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(GAUNTLET_BUILD_TESTS ON)
list(APPEND CMAKE_MODULE_PATH ${CMAKE_CURRENT_SOURCE_DIR}/cmake)
include(GauntletTargets)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
enable_testing()
find_package(GTest REQUIRED)
include(GoogleTest)
add_subdirectory(harness)
add_subdirectory(records)
add_subdirectory(properties)
"""


class Workspace:
    def __init__(self, workdir, repo, source="HEAD", cxx_flags="-O1", log=print):
        self.workdir = os.path.abspath(workdir)
        self.src = os.path.join(self.workdir, "src")
        self.build_dir = os.path.join(self.workdir, "build")
        self.repo = repo
        self.source = source
        self.cxx_flags = cxx_flags
        self.log = log
        self.revision = None

    def prepare(self):
        """Exports the sources (once) and configures the build tree."""
        if not os.path.isdir(self.src):
            os.makedirs(self.src)
            if self.source == "worktree":
                for c in COMPONENTS:
                    shutil.copytree(os.path.join(self.repo, c), os.path.join(self.src, c),
                                    ignore=shutil.ignore_patterns("__pycache__", "build"))
                self.revision = "worktree"
            else:
                archive = subprocess.run(["git", "-C", self.repo, "archive", "--format=tar", self.source] + COMPONENTS,
                                         check=True, stdout=subprocess.PIPE).stdout
                with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                    tar.extractall(self.src)
            with open(os.path.join(self.src, "CMakeLists.txt"), "w") as f:
                f.write(ROOT_CMAKE)
        if self.revision is None:
            self.revision = subprocess.run(["git", "-C", self.repo, "rev-parse", self.source], check=True,
                                           stdout=subprocess.PIPE, text=True).stdout.strip()
        if not os.path.exists(os.path.join(self.build_dir, "build.ninja")):
            subprocess.run(["cmake", "-G", "Ninja", "-S", self.src, "-B", self.build_dir, "-DCMAKE_BUILD_TYPE=None",
                            f"-DCMAKE_CXX_FLAGS={self.cxx_flags}", "-Wno-dev"],
                           check=True, stdout=subprocess.DEVNULL)

    def path(self, relative):
        return os.path.join(self.src, relative)

    def read(self, relative):
        with open(self.path(relative)) as f:
            return f.read()

    def write(self, relative, text):
        with open(self.path(relative), "w") as f:
            f.write(text)

    def build(self, targets, timeout):
        """(ok, output tail) of building `targets` (niced, one job)."""
        cmd = ["nice", "-n", "10", "ninja", "-C", self.build_dir, "-j1"] + targets
        try:
            done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired:
            return False, "build timed out"
        out = done.stdout.decode(errors="replace")
        return done.returncode == 0, out[-4000:]

    def objects(self):
        """{object path: sha256} of every object file in the build tree."""
        hashes = {}
        for folder, _, files in os.walk(self.build_dir):
            for name in files:
                if name.endswith(".o"):
                    p = os.path.join(folder, name)
                    with open(p, "rb") as f:
                        hashes[p] = hashlib.sha256(f.read()).hexdigest()
        return hashes

    def binary(self, target):
        for folder, _, files in os.walk(self.build_dir):
            if target in files:
                return os.path.join(folder, target)
        raise FileNotFoundError(target)
