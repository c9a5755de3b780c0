# Where an install puts things: Debian's layout, which the packages (cmake/MiwbPackage.cmake) and a
# plain `cmake --install --prefix P` share.
#   bin/                              miwb, miwb-cli
#   lib/<triplet>/                    the SDK: libmiwb-core, libmiwb-stores (SONAME .1)
#   lib/<triplet>/cmake/miwb/         its CMake package
#   lib/<triplet>/miwb/               the programs' private libraries: libmiwb-host, the figure module
#   lib/<triplet>/miwb/plugins/       the bundled plugins (the host's installed search folder)
#   share/miwb/examples/              example experiments
# Every install rule names one of these components, one Debian package each:
#   libs (libmiwb1), cli (miwb-cli), gui (miwb), dev (libmiwb-dev), python (python3-miwb).
include_guard(GLOBAL)

# Debian's GNUInstallDirs picks lib/<triplet> only for the prefix /usr; a prefix install takes the
# same layout, so that a package and a prefix install are laid out alike (ld.so looks in
# /usr/local/lib/<triplet> too). -DCMAKE_INSTALL_LIBDIR=<other> still wins.
if(CMAKE_LIBRARY_ARCHITECTURE AND (NOT DEFINED CACHE{CMAKE_INSTALL_LIBDIR} OR "$CACHE{CMAKE_INSTALL_LIBDIR}" STREQUAL "lib"))
  set(CMAKE_INSTALL_LIBDIR lib/${CMAKE_LIBRARY_ARCHITECTURE} CACHE PATH "Object code libraries (lib/<triplet>)" FORCE)
endif()
include(GNUInstallDirs)

set(MIWB_INSTALL_PRIVATE_LIBDIR ${CMAKE_INSTALL_LIBDIR}/miwb)
set(MIWB_PLUGIN_INSTALL_DIR ${MIWB_INSTALL_PRIVATE_LIBDIR}/plugins)
set(MIWB_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/miwb)
# Plugins built by this tree belong to miwb-cli (MiwbPlugin.cmake reads this).
set(MIWB_PLUGIN_INSTALL_COMPONENT cli)

# miwb_install_rpath(<target> <folder it is installed in> <folders it loads libraries from>...):
# run paths relative to the file ($ORIGIN), so that an installed tree runs from any prefix.
function(miwb_install_rpath target from)
  set(rpath)
  foreach(to IN LISTS ARGN)
    file(RELATIVE_PATH relative /prefix/${from} /prefix/${to})
    if(relative STREQUAL "")
      list(APPEND rpath "$ORIGIN")
    else()
      list(APPEND rpath "$ORIGIN/${relative}")
    endif()
  endforeach()
  set_target_properties(${target} PROPERTIES INSTALL_RPATH "${rpath}")
endfunction()

# The programs in bin/: the SDK (needed when the prefix is not in ld.so's path) and the private
# libraries. Libraries set their own with miwb_install_rpath.
set(CMAKE_INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR};$ORIGIN/../${MIWB_INSTALL_PRIVATE_LIBDIR}")
