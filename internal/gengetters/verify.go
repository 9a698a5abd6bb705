package gengetters

import (
	"errors"
	"fmt"
	"reflect"
	"time"
)

// Verify checks, by reflection, that each of the struct types of values
// (given as values or pointers) has a getter for every exported field:
// a method Get+TemporalName on the pointer type that returns the field's
// value (a pointer to it for a struct held by value), and the zero value
// when called on a nil pointer. It returns every problem it finds. (An
// interface-typed field is left nil, so for it only the getter's signature
// and its nil result are checked.)
func Verify(values ...any) error {
	var errs []error
	for _, v := range values {
		t := reflect.TypeOf(v)
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			errs = append(errs, fmt.Errorf("%v is not a struct type", t))
			continue
		}
		errs = append(errs, verifyType(t)...)
	}
	return errors.Join(errs...)
}

func verifyType(t reflect.Type) []error {
	var errs []error
	filled := reflect.New(t)
	fill(filled.Elem(), 0)
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Anonymous {
			continue
		}
		name := "Get" + TemporalName(t.Name(), sf.Name)
		m, ok := reflect.PointerTo(t).MethodByName(name)
		if !ok {
			errs = append(errs, fmt.Errorf("%s.%s has no getter %s", t.Name(), sf.Name, name))
			continue
		}
		addr := sf.Type.Kind() == reflect.Struct && sf.Type.PkgPath() == t.PkgPath()
		want := sf.Type
		if addr {
			want = reflect.PointerTo(sf.Type)
		}
		if m.Type.NumIn() != 1 || m.Type.NumOut() != 1 || m.Type.Out(0) != want {
			errs = append(errs, fmt.Errorf("%s.%s: %s is %v, want func() %v", t.Name(), sf.Name, name, m.Type, want))
			continue
		}
		// On a nil receiver: the zero value.
		got, err := call(m, reflect.Zero(reflect.PointerTo(t)))
		if err != nil {
			errs = append(errs, fmt.Errorf("(*%s)(nil).%s(): %w", t.Name(), name, err))
		} else if !got.IsZero() {
			errs = append(errs, fmt.Errorf("(*%s)(nil).%s() = %v, want the zero value", t.Name(), name, got))
		}
		// On a value: the field itself.
		field := filled.Elem().Field(i)
		got, err = call(m, filled)
		switch k := field.Kind(); {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s.%s(): %w", t.Name(), name, err))
		case addr:
			if got.Pointer() != field.Addr().Pointer() {
				errs = append(errs, fmt.Errorf("%s.%s() does not return &x.%s", t.Name(), name, sf.Name))
			}
		case k == reflect.Pointer || k == reflect.Map || k == reflect.Slice:
			if got.Pointer() != field.Pointer() {
				errs = append(errs, fmt.Errorf("%s.%s() does not return x.%s", t.Name(), name, sf.Name))
			}
		case !reflect.DeepEqual(got.Interface(), field.Interface()):
			errs = append(errs, fmt.Errorf("%s.%s() = %v, want x.%s = %v", t.Name(), name, got, sf.Name, field))
		case field.IsZero() && field.Kind() != reflect.Interface:
			errs = append(errs, fmt.Errorf("%s.%s: Verify cannot make a %v that is not zero", t.Name(), sf.Name, sf.Type))
		}
	}
	return errs
}

// call calls method m on recv, turning a panic into an error.
func call(m reflect.Method, recv reflect.Value) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panics: %v", r)
		}
	}()
	return m.Func.Call([]reflect.Value{recv})[0], nil
}

// fill sets every exported field of v, a settable value, to something
// other than its zero value.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(1, 0).UTC()))
			return
		}
		if depth > 4 {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	}
	// An interface field stays nil: Verify checks only its getter's
	// signature and nil result.
}
