# The SDK as an installed CMake package (miwbConfig.cmake, miwbConfigVersion.cmake, the targets and
# the plugin function) and the Debian package made by `cpack -G DEB`.
include(CMakePackageConfigHelpers)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/miwbConfig.cmake.in
  ${CMAKE_BINARY_DIR}/miwbConfig.cmake INSTALL_DESTINATION lib/cmake/miwb)
# Plugins need the same major version; a host of a newer minor still loads them.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/miwbConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/miwbConfig.cmake ${CMAKE_BINARY_DIR}/miwbConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/MiwbPlugin.cmake
        DESTINATION lib/cmake/miwb)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION share/doc/miwb)

set(CPACK_PACKAGE_NAME miwb)
set(CPACK_PACKAGE_VENDOR "MI Workbench developers")
set(CPACK_PACKAGE_CONTACT "MI Workbench developers <miwb@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Run-time dependencies from the binaries themselves (dpkg-shlibdeps), plus the header-only ones
# that plugin builds against the installed SDK need.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libeigen3-dev, nlohmann-json3-dev")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-base-dev, libtbb-dev, cmake, g++")
include(CPack)
