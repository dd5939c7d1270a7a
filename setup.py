"""What pyproject.toml cannot say: discover the code's packages *and* add resources/.

pyproject.toml takes either a package list or a discovery rule. Here the code's packages are
discovered, and resources/ is added as `videoclerk_resources` (mapped in pyproject.toml's
package-dir). Folders of data (server/data, resources/widget, ...) count as namespace packages,
so that their files are package data of a package setuptools knows. Everything else is
configured in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

CODE = ["clerk_app", "server", "videoclerk_protocol"]
NOT_PACKAGES = ["*__pycache__"]

packages = find_namespace_packages(
    include=[pattern for name in CODE for pattern in (name, f"{name}.*")], exclude=NOT_PACKAGES
)
packages += ["videoclerk_resources"] + [
    f"videoclerk_resources.{name}"
    for name in find_namespace_packages(where="resources", exclude=NOT_PACKAGES)
]

# build/ holds the project's own build files: setuptools' scratch space goes below it.
setup(packages=packages, options={"build": {"build_base": "build/setuptools"}})
