import Foundation

/// Runs a fuzz target's check over saved inputs, for the build without libFuzzer (`swift build`): each
/// argument is a file, or a folder whose files are all run; a crash reproduces as it did under the fuzzer.
package enum FuzzReplay {
    /// Runs `check` on every input named in `arguments` (the command line without the program name);
    /// returns the exit status.
    package static func run(_ arguments: [String], tool: String, check: ([UInt8]) -> Void) -> Int32 {
        guard !arguments.isEmpty, !arguments.contains(where: { $0 == "-h" || $0 == "--help" }) else {
            print("usage: \(tool) FILE|FOLDER…  (runs the fuzz check on each input; `scripts/fuzz` fuzzes)")
            return arguments.isEmpty ? 2 : 0
        }
        var count = 0
        for path in arguments {
            let files: [String]
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files = names.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files = [path]
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("\(tool): \(file): cannot be read\n".utf8))
                    return 1
                }
                data.withUnsafeBytes { buffer in
                    let bytes = buffer.bindMemory(to: UInt8.self)
                    FuzzInput.run(bytes.baseAddress, bytes.count, check: check)
                }
                count += 1
            }
        }
        print("\(tool): \(count) input\(count == 1 ? "" : "s") ran without a failure")
        return 0
    }

    /// Stops the process with `message` on stderr: the fuzzer records the input as a crash.
    package static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fuzz check failed: \(message)\n".utf8))
        abort()
    }
}
