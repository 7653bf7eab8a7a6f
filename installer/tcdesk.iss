; Inno Setup script of the Windows installer of tcdesk (Inno Setup 6). Not built in this repository's CI:
; it needs Windows, the frozen build made there, and Inno Setup's compiler. See docs/install.md.
;
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\tcdesk.spec
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\dist\tcdesk installer\tcdesk.iss
;
; The version comes from the build (importlib.metadata.version("tcdesk"), i.e. pyproject.toml), passed with
; /DAppVersion; the default below only lets the script be opened in the IDE.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\tcdesk"
#endif
#define AppName "tcdesk"
#define AppPublisher "OHCHR"
#define AppExe "tcdesk.exe"

[Setup]
; Never change AppId: upgrades and the uninstaller find the installation through it.
AppId={{6F0E2B4C-5D3A-4C8E-9B1F-7A2D4E6C8B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install without administrator rights by default; IT can choose all users (or /ALLUSERS).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=tcdesk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
; An upgrade closes a running tcdesk first (its store must not be open while files are replaced).
CloseApplications=yes
RestartApplications=no
; Code signing (docs/install.md): configure a sign tool named "signtool" in the IDE or with iscc /S, e.g.
;   iscc "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.example /td sha256 /a $f" ...
; then uncomment:
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program folder whole, so that no file of an older version lingers. User data is
; elsewhere (%LOCALAPPDATA%\OHCHR\tcdesk) and is never touched; tcdesk migrates it on first start, after a
; timestamped backup.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program folder holds. The data folder (%LOCALAPPDATA%\OHCHR\tcdesk: store, keys, backups,
; logs) is deliberately kept on uninstall; docs/install.md says how to remove it by hand.
Type: filesandordirs; Name: "{app}\_internal"
