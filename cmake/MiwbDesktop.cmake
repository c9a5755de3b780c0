# Desktop integration of the window (package miwb): the desktop entry, the application icon (the
# SVG and PNG sizes drawn from it at build time by miwb-render-icon), the AppStream metainfo and
# the .npz MIME type. The window embeds the same SVG as its icon (resources/icons/icons.qrc).
# Included from app/gui/CMakeLists.txt.
set(miwb_app_id org.miwb.Workbench)
set(miwb_desktop_dir ${CMAKE_SOURCE_DIR}/resources/desktop)
set(miwb_icon_svg ${CMAKE_SOURCE_DIR}/resources/icons/${miwb_app_id}.svg)

add_executable(miwb-render-icon ${CMAKE_SOURCE_DIR}/resources/icons/render_icon.cpp)
target_link_libraries(miwb-render-icon PRIVATE Qt6::Gui Qt6::Svg)
set(miwb_icon_pngs)
foreach(size 16 22 24 32 48 64 128 256)
  set(png ${CMAKE_BINARY_DIR}/icons/${size}x${size}/${miwb_app_id}.png)
  add_custom_command(OUTPUT ${png}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${size}x${size}
    COMMAND miwb-render-icon ${miwb_icon_svg} ${size} ${png}
    DEPENDS miwb-render-icon ${miwb_icon_svg} VERBATIM)
  list(APPEND miwb_icon_pngs ${png})
  install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${size}x${size}/apps COMPONENT gui)
endforeach()
add_custom_target(miwb-icons ALL DEPENDS ${miwb_icon_pngs})
install(FILES ${miwb_icon_svg} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps COMPONENT gui)

install(FILES ${miwb_desktop_dir}/${miwb_app_id}.desktop DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications COMPONENT gui)
install(FILES ${miwb_desktop_dir}/${miwb_app_id}.mime.xml DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/mime/packages
        RENAME ${miwb_app_id}.xml COMPONENT gui)

# AppStream wants the screenshot as a public URL: the project's web home, when it has one.
set(MIWB_SCREENSHOT_URL "" CACHE STRING "Public URL of docs/screenshot.png for the AppStream metainfo (empty: none)")
set(miwb_metainfo_screenshots "")
if(MIWB_SCREENSHOT_URL)
  set(miwb_metainfo_screenshots "  <screenshots>
    <screenshot type=\"default\">
      <caption>A tanh network's information plane under binning and the KDE upper bound</caption>
      <image>${MIWB_SCREENSHOT_URL}</image>
    </screenshot>
  </screenshots>")
endif()
configure_file(${miwb_desktop_dir}/${miwb_app_id}.metainfo.xml.in ${CMAKE_BINARY_DIR}/desktop/${miwb_app_id}.metainfo.xml @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/desktop/${miwb_app_id}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo COMPONENT gui)
