// Runs before the consumer build (maven-invoker-plugin's pre-build hook, in the cloned project): puts
// the README's own blocks into the project, so the build tests what a reader pastes and the README
// cannot drift from what works. A block is the fenced code right after a `<!-- readme-consumer:NAME -->`
// line:
//   pom           the "Using it in your project" XML, in place of this pom's `<!-- README blocks -->`
//   runnable-jar  the "Build a runnable jar" plugins, added to the <plugins> of `pom`
//   worker        the worker class, under src/main/java by its package
//   parent        the Node parent, as parent.mjs (ReadmeConsumerIT runs it against the built jar)

def readme = new File(readmePath).canonicalFile
def blocks = [:]
(readme.getText('UTF-8') =~ /(?ms)^<!-- readme-consumer:([\w-]+)\b[^\n]*-->\n```\w*\n(.*?)^```\s*$/).each { match, name, body ->
    if (blocks.containsKey(name)) {
        throw new IllegalStateException("${readme}: two blocks are marked readme-consumer:${name}")
    }
    blocks[name] = body
}
['pom', 'runnable-jar', 'worker', 'parent'].each { name ->
    if (!blocks.containsKey(name)) {
        throw new IllegalStateException("${readme} has no fenced block right after a <!-- readme-consumer:${name} --> line")
    }
}

def pom = new File(basedir, 'pom.xml')
def marker = '<!-- README blocks -->'
def plugins = blocks['pom'].lastIndexOf('</plugins>')
if (plugins < 0) {
    throw new IllegalStateException("${readme}: the readme-consumer:pom block has no </plugins> to add the runnable-jar plugins to")
}
def fragment = blocks['pom'].substring(0, plugins) + blocks['runnable-jar'] + blocks['pom'].substring(plugins)
pom.setText(pom.getText('UTF-8').replace(marker, fragment), 'UTF-8')

def worker = blocks['worker']
def pkg = (worker =~ /(?m)^package\s+([\w.]+)\s*;/)
def cls = (worker =~ /(?m)^public\s+(?:final\s+)?class\s+(\w+)/)
if (!cls.find()) {
    throw new IllegalStateException("${readme}: the readme-consumer:worker block declares no public class")
}
def dir = new File(basedir, 'src/main/java/' + (pkg.find() ? pkg.group(1).replace('.', '/') : ''))
dir.mkdirs()
new File(dir, cls.group(1) + '.java').setText(worker, 'UTF-8')

new File(basedir, 'parent.mjs').setText(blocks['parent'], 'UTF-8')
return true
