; Installer of perfeval for Windows x64: per user, no administrator rights.
; Built by packaging/build-windows:
;   makensis -DVERSION=0.1.0 -DSRCDIR=<app folder> -DOUTFILE=<setup.exe> -DICON=<perfeval.ico> perfeval.nsi
; Silent: setup.exe /S [/D=C:\path]   uninstall.exe /S
Unicode true
Target amd64-unicode            ; a 64-bit installer (an x86 one would also run on wine64 and install nothing)
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION not defined"
!endif
!define APPNAME "perfeval"
!define DISPLAYNAME "绩效自评表编辑器"
!define PROGID "perfeval.form"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\perfeval"
!define SETTINGSKEY "Software\perfeval"   ; the editor's own settings (QSettings)

Name "${DISPLAYNAME}"
Caption "${DISPLAYNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\perfeval"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "perfeval ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${DISPLAYNAME} (perfeval)"
VIAddVersionKey /LANG=2052 "FileDescription" "${DISPLAYNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "perfeval"
VIAddVersionKey /LANG=2052 "LegalCopyright" "perfeval"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\perfeval-gui.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${DISPLAYNAME}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

; The uninstaller removes the whole installation folder, so the installer only accepts an
; empty folder or an earlier perfeval installation.
Function .onVerifyInstDir
  IfFileExists "$INSTDIR\perfeval-gui.exe" ok
  IfFileExists "$INSTDIR\*.*" 0 ok
    FindFirst $0 $1 "$INSTDIR\*.*"
  loop:
    StrCmp $1 "" empty
    StrCmp $1 "." next
    StrCmp $1 ".." next
    FindClose $0
    Abort
  next:
    FindNext $0 $1
    Goto loop
  empty:
    FindClose $0
  ok:
FunctionEnd

Section "${DISPLAYNAME}（必需）" SecMain
  SectionIn RO
  Call .onVerifyInstDir   ; also for /S /D=… installs, which skip the directory page
  ; An upgrade starts from an empty folder: nothing of the older version stays behind.
  IfFileExists "$INSTDIR\perfeval-gui.exe" 0 +3
    DetailPrint "删除旧版本的文件……"
    RMDir /r "$INSTDIR"
  SetOutPath "$INSTDIR"
  File /r "${SRCDIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${DISPLAYNAME}.lnk" "$INSTDIR\perfeval-gui.exe" "" \
    "$INSTDIR\perfeval-gui.exe" 0 SW_SHOWNORMAL "" "编辑、检查并打印财政项目支出绩效自评表"

  ; .pev files open in the editor, with its icon (per user: HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\.pev" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.pev\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "绩效自评表文件"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\perfeval-gui.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\perfeval-gui.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'   ; SHCNE_ASSOCCHANGED

  ; Apps & Features (设置 → 应用).
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${DISPLAYNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "perfeval"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" '"$INSTDIR\perfeval-gui.exe",0'
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Section "桌面快捷方式" SecDesktop
  CreateShortCut "$DESKTOP\${DISPLAYNAME}.lnk" "$INSTDIR\perfeval-gui.exe" "" \
    "$INSTDIR\perfeval-gui.exe" 0 SW_SHOWNORMAL "" "编辑、检查并打印财政项目支出绩效自评表"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${DISPLAYNAME}.lnk"
  Delete "$DESKTOP\${DISPLAYNAME}.lnk"
  ReadRegStr $0 HKCU "Software\Classes\.pev" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.pev"      ; only while .pev is still ours
  DeleteRegValue HKCU "Software\Classes\.pev\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.pev\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.pev"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${SETTINGSKEY}"
  ; The editor's settings (window layout, recent files) and its recovery locks. Unsaved-work
  ; recovery copies and the user's own templates stay: the folders are removed only if empty.
  SetShellVarContext current
  Delete "$APPDATA\perfeval\perfeval-gui.ini"
  Delete "$APPDATA\perfeval\perfeval\recovery\*.lock"
  RMDir "$APPDATA\perfeval\perfeval\recovery"
  RMDir "$APPDATA\perfeval\perfeval"
  RMDir "$APPDATA\perfeval"
  RMDir /r "$INSTDIR"
SectionEnd
