# Read by cpack after its -D options (CPACK_PROJECT_CONFIG_FILE, set in cmake/MiwbPackage.cmake).
# The dependencies between our own packages name the exact version being made, revision included,
# so that `cpack -D CPACK_DEBIAN_PACKAGE_RELEASE=N` makes a consistent set.
foreach(component LIBS CLI GUI DEV PYTHON)
  foreach(field DEPENDS RECOMMENDS)
    string(REPLACE "%MIWB_DEB_VERSION%" "${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}"
           CPACK_DEBIAN_${component}_PACKAGE_${field} "${CPACK_DEBIAN_${component}_PACKAGE_${field}}")
  endforeach()
endforeach()
# Each package's description starts with its own synopsis line; without this, CPack would put the
# project's one summary above every package's.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
