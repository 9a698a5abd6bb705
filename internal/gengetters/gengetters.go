// Package gengetters writes nil-safe field getters for wfsim's history and
// failure structs, named as protoc-gen-go names the getters of Temporal's
// messages (ActivityID → GetActivityId), so that code walking Temporal's
// protobuf histories ports to wfsim's types unchanged.
//
// It reads a package's source with go/ast: every exported struct type
// declared in the selected files gets a getter for each exported field,
// except where the package already has a method of that name (the generated
// file lists those). The getter returns the field, or the field type's zero
// value when the receiver is nil; a field holding a struct of the package
// by value (TaskQueue, ActivityType, …) is returned as a pointer to it, as
// Temporal's getters return *TaskQueue, so that getter chains go on through
// it.
//
// The cmd/gengetters command writes the file; tests call Generate and
// compare its output with the file on disk, so a stale file fails CI.
package gengetters

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Config says which package and which of its files to read, and which file
// the getters go to.
type Config struct {
	// Dir is the package's directory.
	Dir string
	// Files are glob patterns, relative to Dir, of the files whose struct
	// types get getters ("attributes_*.go").
	Files []string
	// Output is the name of the generated file in Dir; it is not read.
	Output string
}

// A getter to write: the method GetName on *Type returning Field.
type getter struct {
	typ, field, name string
	result           string // the result type, as written
	zero             string // what a nil receiver returns
	addr             bool   // return &x.Field (a struct held by value)
	note             string // the doc comment's last sentence, if any
}

// A skipped getter: its name is already a method of the type.
type skipped struct{ typ, field, name string }

// source is what Generate reads of a package.
type source struct {
	fset     *token.FileSet
	pkgName  string
	files    []*ast.File         // the selected files
	selected []string            // their names
	decls    map[string]ast.Expr // the package's type declarations
	methods  map[string]bool     // "Type.Method"
	imports  map[string]string   // the selected files' imports, name → path
}

// load parses the package in cfg.Dir (but not its tests or cfg.Output).
func load(cfg Config) (*source, error) {
	all, err := filepath.Glob(filepath.Join(cfg.Dir, "*.go"))
	if err != nil {
		return nil, fmt.Errorf("gengetters: %w", err)
	}
	src := &source{fset: token.NewFileSet(), decls: map[string]ast.Expr{}, methods: map[string]bool{}, imports: map[string]string{}}
	for _, path := range all {
		base := filepath.Base(path)
		if strings.HasSuffix(base, "_test.go") || base == cfg.Output {
			continue
		}
		f, err := parser.ParseFile(src.fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("gengetters: %w", err)
		}
		if ignored(f) {
			continue
		}
		src.pkgName = f.Name.Name
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						src.decls[ts.Name.Name] = ts.Type
					}
				}
			case *ast.FuncDecl:
				if d.Recv != nil && len(d.Recv.List) == 1 {
					src.methods[recvName(d.Recv.List[0].Type)+"."+d.Name.Name] = true
				}
			}
		}
		match, err := matches(base, cfg.Files)
		if err != nil {
			return nil, err
		}
		if !match {
			continue
		}
		src.files = append(src.files, f)
		src.selected = append(src.selected, base)
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			src.imports[name] = p
		}
	}
	if len(src.files) == 0 {
		return nil, fmt.Errorf("gengetters: no files in %s match %q", cfg.Dir, cfg.Files)
	}
	return src, nil
}

// Generate returns the formatted source of cfg.Output.
func Generate(cfg Config) ([]byte, error) {
	src, err := load(cfg)
	if err != nil {
		return nil, err
	}
	g := &gen{fset: src.fset, decls: src.decls, used: map[string]bool{}}
	var (
		getters []getter
		skips   []skipped
	)
	for _, f := range src.files {
		for _, ts := range structs(f) {
			for _, fl := range ts.Type.(*ast.StructType).Fields.List {
				for _, n := range fl.Names {
					if !n.IsExported() {
						continue
					}
					name := "Get" + TemporalName(ts.Name.Name, n.Name)
					if src.methods[ts.Name.Name+"."+name] {
						skips = append(skips, skipped{ts.Name.Name, n.Name, name})
						continue
					}
					gt, err := g.getter(ts.Name.Name, n.Name, name, fl.Type)
					if err != nil {
						return nil, err
					}
					getters = append(getters, gt)
				}
			}
		}
	}
	return g.write(cfg, src, getters, skips)
}

// StructTypes returns the names of the struct types Generate writes
// getters for, in source order.
func StructTypes(cfg Config) ([]string, error) {
	src, err := load(cfg)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range src.files {
		for _, ts := range structs(f) {
			names = append(names, ts.Name.Name)
		}
	}
	return names, nil
}

// structs returns f's exported, non-generic struct type declarations.
func structs(f *ast.File) []*ast.TypeSpec {
	var out []*ast.TypeSpec
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			if _, ok := ts.Type.(*ast.StructType); ok && ts.Name.IsExported() && !ts.Assign.IsValid() && ts.TypeParams == nil {
				out = append(out, ts)
			}
		}
	}
	return out
}

// ignored reports whether f has a build constraint ("//go:build ignore").
func ignored(f *ast.File) bool {
	for _, c := range f.Comments {
		if c.Pos() >= f.Package {
			break
		}
		for _, l := range c.List {
			if strings.HasPrefix(l.Text, "//go:build") {
				return true
			}
		}
	}
	return false
}

func matches(base string, patterns []string) (bool, error) {
	for _, p := range patterns {
		ok, err := filepath.Match(p, base)
		if err != nil {
			return false, fmt.Errorf("gengetters: bad pattern %q: %w", p, err)
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

func recvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

type gen struct {
	fset  *token.FileSet
	decls map[string]ast.Expr // the package's type declarations
	used  map[string]bool     // packages the results name
}

// getter describes the getter of typ.field, whose type is t.
func (g *gen) getter(typ, field, name string, t ast.Expr) (getter, error) {
	gt := getter{typ: typ, field: field, name: name, result: g.expr(t), note: note(t)}
	if _, n := exception(typ, field); n != "" {
		gt.note = n
	}
	switch t := t.(type) {
	case *ast.StarExpr, *ast.ArrayType, *ast.MapType, *ast.InterfaceType, *ast.FuncType, *ast.ChanType:
		gt.zero = "nil"
	case *ast.SelectorExpr:
		z, ok := externalZero(gt.result)
		if !ok {
			return getter{}, fmt.Errorf("gengetters: %s.%s: no zero value known for %s; add it to externalZero", typ, field, gt.result)
		}
		gt.zero = z
	case *ast.Ident:
		z, addr, err := g.localZero(t.Name, 0)
		if err != nil {
			return getter{}, fmt.Errorf("gengetters: %s.%s: %w", typ, field, err)
		}
		gt.zero, gt.addr = z, addr
		if addr {
			gt.result = "*" + gt.result
			gt.note = "It points into x, as Temporal's getter returns a *" + t.Name + ", so getter chains go on through it."
		}
	default:
		return getter{}, fmt.Errorf("gengetters: %s.%s: unsupported field type %s", typ, field, gt.result)
	}
	return gt, nil
}

// externalZero is the zero value of a type of another package that fields
// hold by value; a type missing here stops the generator.
func externalZero(typ string) (string, bool) {
	switch typ {
	case "time.Duration", "wfsim.RetryState", "wfsim.TimeoutType", "wfsim.ApplicationErrorCategory", "wfsim.ParentClosePolicy":
		return "0", true
	case "time.Time":
		return "time.Time{}", true
	}
	return "", false
}

// note is what a getter's doc says about a type that differs from the one
// Temporal's getter returns.
func note(t ast.Expr) string {
	if s, ok := t.(*ast.SelectorExpr); ok {
		if x, ok := s.X.(*ast.Ident); ok && x.Name == "time" {
			switch s.Sel.Name {
			case "Duration":
				return "Temporal's getter returns a *durationpb.Duration: drop its .AsDuration()."
			case "Time":
				return "Temporal's getter returns a *timestamppb.Timestamp: drop its .AsTime()."
			}
		}
	}
	return ""
}

// localZero is the zero value of the package's type name, and whether it
// is a struct (whose getter returns a pointer).
func (g *gen) localZero(name string, depth int) (zero string, isStruct bool, err error) {
	switch name {
	case "string":
		return `""`, false, nil
	case "bool":
		return "false", false, nil
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
		"float32", "float64", "byte", "rune", "uintptr":
		return "0", false, nil
	case "any", "error":
		return "nil", false, nil
	}
	d, ok := g.decls[name]
	if !ok || depth > 8 {
		return "", false, fmt.Errorf("unknown type %s", name)
	}
	switch d := d.(type) {
	case *ast.StructType:
		return "nil", true, nil
	case *ast.Ident:
		z, _, err := g.localZero(d.Name, depth+1)
		return z, false, err
	case *ast.StarExpr, *ast.ArrayType, *ast.MapType, *ast.InterfaceType, *ast.FuncType, *ast.ChanType:
		return "nil", false, nil
	case *ast.SelectorExpr:
		z, ok := externalZero(g.expr(d))
		if !ok {
			return "", false, fmt.Errorf("no zero value known for %s", g.expr(d))
		}
		return z, false, nil
	}
	return "", false, fmt.Errorf("unsupported type %s", name)
}

// expr prints t and notes the packages it names.
func (g *gen) expr(t ast.Expr) string {
	ast.Inspect(t, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := s.X.(*ast.Ident); ok {
				g.used[x.Name] = true
			}
		}
		return true
	})
	var b bytes.Buffer
	if err := printer.Fprint(&b, g.fset, t); err != nil {
		panic("gengetters: " + err.Error()) // printing a parsed expression into a buffer cannot fail
	}
	return b.String()
}

func (g *gen) write(cfg Config, src *source, getters []getter, skips []skipped) ([]byte, error) {
	pkg, selected, imports := src.pkgName, src.selected, src.imports
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by \"gengetters -out %s %s\"; DO NOT EDIT.\n\n", cfg.Output, strings.Join(cfg.Files, " "))
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	var std, other []string
	for name := range g.used {
		p, ok := imports[name]
		if !ok {
			return nil, fmt.Errorf("gengetters: package %s is not imported by %s", name, strings.Join(selected, ", "))
		}
		if p[strings.LastIndex(p, "/")+1:] != name {
			p = name + " " + strconv.Quote(p)
		} else {
			p = strconv.Quote(p)
		}
		if strings.Contains(strings.SplitN(imports[name], "/", 2)[0], ".") {
			other = append(other, p)
		} else {
			std = append(std, p)
		}
	}
	sort.Strings(std)
	sort.Strings(other)
	if len(std)+len(other) > 0 {
		fmt.Fprintf(&b, "import (\n%s\n\n%s\n)\n\n", strings.Join(std, "\n"), strings.Join(other, "\n"))
	}
	b.WriteString(wrap("// Nil-safe field getters, named as Temporal's protobuf getters are, for the struct types of "+
		strings.Join(selected, ", ")+".", ""))
	if len(skips) > 0 {
		fmt.Fprintf(&b, "//\n// Not generated, because the type has a method of that name already:\n")
		for _, s := range skips {
			fmt.Fprintf(&b, "//   - %s.%s (%s)\n", s.typ, s.field, s.name)
		}
	}
	b.WriteString("\n")
	for _, gt := range getters {
		doc := fmt.Sprintf("// %s returns x.%s, or %s when x is nil.", gt.name, gt.field, zeroWords(gt))
		if gt.addr {
			doc = fmt.Sprintf("// %s returns &x.%s, or nil when x is nil.", gt.name, gt.field)
		}
		b.WriteString(wrap(doc, gt.note))
		ret := "x." + gt.field
		if gt.addr {
			ret = "&" + ret
		}
		fmt.Fprintf(&b, "func (x *%s) %s() %s {\n\tif x != nil {\n\t\treturn %s\n\t}\n\treturn %s\n}\n\n",
			gt.typ, gt.name, gt.result, ret, gt.zero)
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("gengetters: formatting: %w", err)
	}
	return out, nil
}

func zeroWords(gt getter) string {
	switch gt.zero {
	case "nil":
		return "nil"
	case `""`:
		return `""`
	case "false":
		return "false"
	case "0":
		return "0"
	}
	return "the zero " + gt.result
}

// wrap joins a doc comment's sentences on lines of at most ~100 columns.
func wrap(first, second string) string {
	text := first
	if second != "" {
		text += " " + second
	}
	text = strings.TrimPrefix(text, "// ")
	var b, line strings.Builder
	for _, w := range strings.Fields(text) {
		if line.Len() > 0 && line.Len()+1+len(w) > 96 {
			b.WriteString("// " + line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(w)
	}
	b.WriteString("// " + line.String() + "\n")
	return b.String()
}
