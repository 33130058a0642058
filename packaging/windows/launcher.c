/* perfeval.exe and perfeval-gui.exe: start the bundled Python on one of the app's entry points.
 *
 * Built twice by packaging/build-windows with x86_64-w64-mingw32-gcc:
 *   -mconsole -DPROG=L"perfeval"     -DMODULE=L"perfeval_gui.cli"   -> perfeval.exe
 *   -mwindows -DPROG=L"perfeval-gui" -DMODULE=L"perfeval_gui.app"   -> perfeval-gui.exe (no console)
 * The executable loads python3XX.dll from its own folder (whose ._pth file fixes sys.path to
 * the bundled standard library and Lib\site-packages) and runs
 *   import sys; sys.argv[0] = PROG; from MODULE import main; sys.exit(main())
 * with the command line's arguments, so Windows shows perfeval's name, icon and version
 * information (launcher.rc) instead of python.exe's. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef PROG
#error "define PROG"
#endif
#ifndef MODULE
#error "define MODULE"
#endif
#ifndef PYTHON_DLL
#error "define PYTHON_DLL"
#endif

typedef int (*py_main_fn)(int, wchar_t **);

static const wchar_t CODE[] =
    L"import sys; sys.argv[0] = '" PROG L"'; from " MODULE L" import main; sys.exit(main())";

static int fail(const wchar_t *what, const wchar_t *detail)
{
    wchar_t text[1200];
    _snwprintf(text, sizeof text / sizeof text[0],
               L"%ls\n\n%ls\n\n请重新安装“绩效自评表编辑器”。", what, detail);
    text[sizeof text / sizeof text[0] - 1] = L'\0';
#ifdef CONSOLE
    fwprintf(stderr, L"%ls\n", text);
#else
    MessageBoxW(NULL, text, L"绩效自评表编辑器无法启动", MB_OK | MB_ICONERROR);
#endif
    return 1;
}

int wmain(int argc, wchar_t **argv)
{
    wchar_t dll[MAX_PATH + 64];
    DWORD n = GetModuleFileNameW(NULL, dll, MAX_PATH);
    if (n == 0 || n >= MAX_PATH)
        return fail(L"找不到程序所在的文件夹。", L"");
    wchar_t *slash = wcsrchr(dll, L'\\');
    if (slash == NULL)
        return fail(L"找不到程序所在的文件夹。", dll);
    wcscpy(slash + 1, PYTHON_DLL);
    /* Load the bundled DLL by full path; its dependencies (vcruntime) from the same folder. */
    HMODULE python = LoadLibraryExW(dll, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (python == NULL)
        return fail(L"无法加载程序自带的 Python 运行库：", dll);
    py_main_fn py_main = (py_main_fn)(void (*)(void))GetProcAddress(python, "Py_Main");
    if (py_main == NULL)
        return fail(L"程序自带的 Python 运行库已损坏：", dll);

    wchar_t **args = calloc((size_t)argc + 3, sizeof *args);
    if (args == NULL)
        return fail(L"内存不足。", L"");
    args[0] = argv[0];
    args[1] = L"-c";
    args[2] = (wchar_t *)CODE;
    for (int i = 1; i < argc; i++)
        args[i + 2] = argv[i];
    return py_main(argc + 2, args);
}
